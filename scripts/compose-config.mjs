#!/usr/bin/env node
// Validates docker-compose.yml as `docker compose config` does. Where the Docker CLI has its
// compose plugin, that is what runs; elsewhere (machines without Docker, like CI here) a small Go
// program built from scripts/compose-config with compose-go, the library `docker compose config`
// itself loads files with: same schema, interpolation and merge rules. Exit code 0 = valid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = resolve(process.argv[2] ?? join(root, 'docker-compose.yml'));
const say = (line) => process.stderr.write(`[compose-config] ${line}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) {
  say(`docker compose config -q -f ${file}`);
  process.exit(run('docker', ['compose', '-f', file, 'config', '-q']));
}

const source = join(root, 'scripts', 'compose-config');
const binary = join(root, '.temporal', 'compose-config');
const newest = Math.max(
  ...['main.go', 'go.mod', 'go.sum'].map((name) => statSync(join(source, name)).mtimeMs),
);
if (!existsSync(binary) || statSync(binary).mtimeMs < newest) {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    say('neither the docker compose plugin nor Go is installed: cannot validate');
    process.exit(2);
  }
  mkdirSync(dirname(binary), { recursive: true });
  say('building the validator (compose-go) with Go …');
  const status = run('go', ['build', '-o', binary, '.'], {
    cwd: source,
    env: { ...process.env, GOFLAGS: '-buildvcs=false' },
  });
  if (status !== 0) process.exit(status);
}
say(`compose-go: ${file}`);
process.exit(run(binary, [file]));
