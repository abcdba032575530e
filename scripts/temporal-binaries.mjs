#!/usr/bin/env node
// Obtains the Temporal servers this project runs on, from the package registries only:
//   - the dev server: the Temporal CLI, built with the machine's Go from its Go module;
//   - the time-skipping test server: io.temporal:temporal-test-server, resolved with Maven;
//   - the cluster's Temporal Server and PostgreSQL (`cluster`, scripts/temporal-cluster-build.mjs).
// Both are pinned and cached under .temporal/ (git-ignored). Environment variables can point at
// existing binaries instead. Where neither Go nor Java is installed, the SDK's own download is the
// fallback (it needs internet). The outcome is written to .temporal/binaries.json, which the
// launcher and the tests read; every path taken is said on stderr.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_VERSION = '1.5.1';
export const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEST_SERVER_VERSION = '1.32.1';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.TEMPORAL_BINARIES_DIR
  ? resolve(process.env.TEMPORAL_BINARIES_DIR)
  : join(root, '.temporal');
const manifestPath = join(cacheDir, 'binaries.json');

const say = (line) => process.stderr.write(`[temporal-binaries] ${line}\n`);

export function hasCommand(command, args = ['--version']) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command, echoing a digest of its output and a heartbeat so a long build never looks stuck. */
export function runWithProgress(label, command, args, options, summarise) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    let counted = 0;
    const onLine = (line) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const shown = summarise(line);
      if (shown === 'count') counted += 1;
      else if (shown) say(`${label}: ${shown}`);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    const heartbeat = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      say(
        `${label}: still working, ${seconds} s elapsed${counted ? `, ${counted} steps done` : ''}`,
      );
    }, 15_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      const seconds = Math.round((Date.now() - started) / 1000);
      if (code === 0) {
        say(`${label}: done in ${seconds} s`);
        resolvePromise(seconds);
      } else {
        reject(new Error(`${label} failed (exit ${code}) after ${seconds} s:\n${tail.join('\n')}`));
      }
    });
  });
}

async function obtainDevServer() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    }
    say(`dev server: using TEMPORAL_CLI_PATH=${fromEnv}`);
    return { source: 'env', path: resolve(fromEnv), version: 'unknown' };
  }
  const dir = join(cacheDir, `cli-${CLI_VERSION}`);
  const path = join(dir, 'temporal');
  if (isExecutable(path)) {
    say(`dev server: Temporal CLI ${CLI_VERSION} already built at ${path}`);
    return { source: 'go-build', path, version: CLI_VERSION };
  }
  if (!hasCommand('go', ['version'])) {
    say(
      'dev server: no Go toolchain here; the SDK will download the CLI at start (needs internet)',
    );
    return { source: 'sdk-download', path: null, version: 'sdk-default' };
  }
  mkdirSync(dir, { recursive: true });
  say(
    `dev server: building ${CLI_MODULE}@v${CLI_VERSION} with Go into ${dir} ` +
      '(a first build on a fresh machine takes about 5 to 8 minutes on 2 cores)',
  );
  await runWithProgress(
    'go install',
    'go',
    [
      'install',
      '-v',
      '-trimpath',
      `-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${CLI_VERSION}`,
      `${CLI_MODULE}@v${CLI_VERSION}`,
    ],
    { env: { ...process.env, GOBIN: dir, GOFLAGS: '-buildvcs=false' } },
    (line) => (line.startsWith('go: downloading') ? null : line.startsWith('go:') ? line : 'count'),
  );
  if (!isExecutable(path)) throw new Error(`go install finished but ${path} is missing`);
  return { source: 'go-build', path, version: CLI_VERSION };
}

async function obtainTestServer() {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} is not an executable file`);
    }
    say(`test server: using TEMPORAL_TEST_SERVER_PATH=${fromEnv}`);
    return { source: 'env', path: resolve(fromEnv), version: 'unknown', startTime: false };
  }
  const dir = join(cacheDir, `test-server-${TEST_SERVER_VERSION}`);
  const path = join(dir, 'temporal-test-server');
  if (isExecutable(path)) {
    say(`test server: temporal-test-server ${TEST_SERVER_VERSION} already resolved at ${path}`);
    return { source: 'maven', path, version: TEST_SERVER_VERSION, startTime: true };
  }
  if (
    !hasCommand('java', ['-version']) ||
    !hasCommand('mvn', ['-v']) ||
    !hasCommand('javac', ['-version'])
  ) {
    say('test server: no Java/Maven here; the SDK will download the test server (needs internet)');
    return { source: 'sdk-download', path: null, version: 'sdk-default', startTime: false };
  }
  mkdirSync(join(dir, 'classes'), { recursive: true });
  const sourceDir = join(root, 'scripts', 'test-server');
  const pom = readFileSync(join(sourceDir, 'pom.xml'), 'utf8').replaceAll(
    '${temporal.test-server.version}',
    TEST_SERVER_VERSION,
  );
  writeFileSync(join(dir, 'pom.xml'), pom);
  say(`test server: resolving io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with Maven`);
  await runWithProgress(
    'mvn',
    'mvn',
    [
      '-B',
      '-f',
      join(dir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${join(dir, 'lib')}`,
    ],
    {},
    (line) => (line.includes('Downloaded from') ? 'count' : line.includes('ERROR') ? line : null),
  );
  // The stock main class cannot start the clock at a chosen instant; StartAtTestServer can, so
  // tests can walk a process through 2019 in workflow time. See scripts/test-server/README.md.
  copyFileSync(join(sourceDir, 'StartAtTestServer.java'), join(dir, 'StartAtTestServer.java'));
  const compiled = spawnSync(
    'javac',
    ['-cp', join(dir, 'lib', '*'), '-d', join(dir, 'classes'), join(dir, 'StartAtTestServer.java')],
    { encoding: 'utf8' },
  );
  if (compiled.status !== 0) throw new Error(`javac failed:\n${compiled.stderr}`);
  writeFileSync(path, readFileSync(join(sourceDir, 'temporal-test-server.sh'), 'utf8'));
  chmodSync(path, 0o755);
  say(`test server: wrapper written to ${path}`);
  return { source: 'maven', path, version: TEST_SERVER_VERSION, startTime: true };
}

export function readManifest() {
  if (!existsSync(manifestPath)) return null;
  return JSON.parse(readFileSync(manifestPath, 'utf8'));
}

async function main() {
  // `--for-start`: what `npm start` needs: the dev server, unless TEMPORAL_ADDRESS names a cluster.
  const forStart = process.argv.includes('--for-start');
  if (forStart && process.env.TEMPORAL_ADDRESS) {
    say(
      `nothing to obtain: TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS} is used, no dev server`,
    );
    return;
  }
  const wanted = forStart ? ['dev-server'] : process.argv.slice(2);
  const only = (name) => wanted.length === 0 || wanted.includes(name);
  mkdirSync(cacheDir, { recursive: true });
  const manifest = { ...(readManifest() ?? {}) };
  if (only('dev-server')) manifest.devServer = await obtainDevServer();
  if (only('test-server')) manifest.testServer = await obtainTestServer();
  // The cluster tests' Temporal Server and PostgreSQL (scripts/temporal-cluster-build.mjs); their
  // own manifest is .temporal/cluster/manifest.json. Imported here, as it imports this file.
  if (only('cluster')) {
    const { obtainCluster } = await import('./temporal-cluster-build.mjs');
    await obtainCluster();
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  say(`manifest: ${manifestPath}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
