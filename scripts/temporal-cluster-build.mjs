// Obtains what scripts/temporal-cluster.mjs runs: the Temporal Server and its SQL schema tool,
// built with the machine's Go from the module pinned in scripts/temporal-server/go.mod, the
// module's PostgreSQL schema files (copied from Go's module cache, never committed), and
// PostgreSQL's own binaries from Debian's packages. Cached under .temporal/cluster/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasCommand, isExecutable, runWithProgress } from './temporal-binaries.mjs';

/** The version the Temporal CLI 1.5.1 embeds, so the dev server and the cluster run one server. */
export const SERVER_VERSION = '1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'scripts', 'temporal-server');
const cacheRoot = process.env.TEMPORAL_BINARIES_DIR
  ? resolve(process.env.TEMPORAL_BINARIES_DIR)
  : join(root, '.temporal');
export const clusterCacheDir = join(cacheRoot, 'cluster');

const say = (line) => process.stderr.write(`[temporal-cluster] ${line}\n`);

function goBuild(label, target, output) {
  return runWithProgress(
    label,
    'go',
    ['build', '-v', '-trimpath', '-ldflags=-s -w', '-o', output, target],
    { cwd: moduleDir, env: { ...process.env, GOFLAGS: '-buildvcs=false' } },
    (line) => (line.startsWith('go: downloading') ? null : line.startsWith('go:') ? line : 'count'),
  );
}

/** Builds temporal-server and temporal-sql-tool, and copies the schema, unless they are cached. */
export async function obtainServer() {
  const dir = join(clusterCacheDir, `server-${SERVER_VERSION}`);
  const server = join(dir, 'temporal-server');
  const sqlTool = join(dir, 'temporal-sql-tool');
  const schema = join(dir, 'schema', 'postgresql', 'v12');
  const built = { version: SERVER_VERSION, server, sqlTool, schema };
  if (isExecutable(server) && isExecutable(sqlTool) && existsSync(schema)) {
    say(`Temporal Server ${SERVER_VERSION} already built at ${dir}`);
    return built;
  }
  if (!hasCommand('go', ['version'])) {
    throw new Error('the cluster needs Go to build the Temporal Server; install Go (see README)');
  }
  // Built into a fresh folder and moved into place last, so a stopped build is never taken as done.
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  say(
    `building ${SERVER_MODULE}@v${SERVER_VERSION} with Go into ${dir} (shares Go's build cache with ` +
      'the Temporal CLI: seconds after the CLI is built, minutes on a fresh machine)',
  );
  await goBuild('go build temporal-server', '.', join(staging, 'temporal-server'));
  await goBuild(
    'go build temporal-sql-tool',
    `${SERVER_MODULE}/cmd/tools/sql`,
    join(staging, 'temporal-sql-tool'),
  );
  const listed = spawnSync('go', ['list', '-m', '-f', '{{.Dir}}', SERVER_MODULE], {
    cwd: moduleDir,
    encoding: 'utf8',
  });
  const moduleSource = listed.stdout.trim();
  if (listed.status !== 0 || !moduleSource) {
    throw new Error(
      `go list could not find ${SERVER_MODULE} in the module cache:\n${listed.stderr}`,
    );
  }
  cpSync(
    join(moduleSource, 'schema', 'postgresql', 'v12'),
    join(staging, 'schema', 'postgresql', 'v12'),
    {
      recursive: true,
      filter: (source) => !source.endsWith('.go'),
    },
  );
  rmSync(dir, { recursive: true, force: true });
  cpSync(staging, dir, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  say(`Temporal Server ${SERVER_VERSION} built at ${dir}`);
  return built;
}

function postgresBinDir() {
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (onPath.status === 0 && isExecutable(join(onPath.stdout.trim(), 'initdb'))) {
    return onPath.stdout.trim();
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((name) => isExecutable(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(base, versions[0], 'bin');
}

/** Finds PostgreSQL's binaries, installing Debian's `postgresql` when root and they are absent. */
export async function obtainPostgres() {
  const found = postgresBinDir();
  if (found) {
    say(`PostgreSQL binaries at ${found}`);
    return { bin: found };
  }
  if (process.getuid?.() !== 0 || !hasCommand('apt-get', ['--version'])) {
    throw new Error(
      'PostgreSQL is not installed (no initdb); install it, e.g. `sudo apt-get install -y postgresql`',
    );
  }
  say("PostgreSQL is not installed: installing Debian's postgresql package with apt-get");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runWithProgress('apt-get update', 'apt-get', ['update'], { env }, () => 'count');
  await runWithProgress(
    'apt-get install postgresql',
    'apt-get',
    ['install', '-y', '--no-install-recommends', 'postgresql'],
    { env },
    (line) => (line.startsWith('Setting up postgresql') ? line : 'count'),
  );
  const installed = postgresBinDir();
  if (!installed) throw new Error('apt-get installed postgresql but no initdb was found');
  return { bin: installed };
}

/** Everything the cluster needs; written to .temporal/cluster/manifest.json for the record. */
export async function obtainCluster() {
  const server = await obtainServer();
  const postgres = await obtainPostgres();
  const manifest = { server, postgres };
  mkdirSync(clusterCacheDir, { recursive: true });
  writeFileSync(join(clusterCacheDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
