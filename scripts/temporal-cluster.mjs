#!/usr/bin/env node
// A real Temporal cluster without Docker, shared by the cluster tests and operators: PostgreSQL
// (Debian's packages) in a data folder on a free loopback port, both schemas created or updated
// by temporal-sql-tool, and the Temporal Server (scripts/temporal-server) with advanced visibility
// on PostgreSQL, the `default` namespace and the product's search attributes.
//
//   node scripts/temporal-cluster.mjs start [--data DIR] [--port 7233] [--detach]
//   node scripts/temporal-cluster.mjs stop --data DIR
//
// From Node: `const cluster = await start(); … cluster.address …; await cluster.stop();`
import { spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { obtainCluster } from './temporal-cluster-build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stderr.write(`[temporal-cluster] ${line}\n`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** The one database user; loopback connections are trusted, so no password is kept anywhere. */
const DB_USER = 'temporal';
const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' };
/** Fixed at the first start: a persistence's shard count can never change afterwards. */
const HISTORY_SHARDS = 4;

function freePort(wanted = 0) {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(wanted, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** PostgreSQL refuses to run as root; then it runs as Debian's `postgres` user (or `nobody`). */
function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) {
      return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
    }
  }
  throw new Error('running as root, and there is neither a postgres nor a nobody user');
}

function runPostgresTool(bin, user, tool, args) {
  const [command, fullArgs] = user
    ? ['runuser', ['-u', user.name, '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  const result = spawnSync(command, fullArgs, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

function postgresRunning(bin, user, pgData) {
  const [command, args] = user
    ? ['runuser', ['-u', user.name, '--', join(bin, 'pg_ctl'), 'status', '-D', pgData]]
    : [join(bin, 'pg_ctl'), ['status', '-D', pgData]];
  return spawnSync(command, args, { stdio: 'ignore', cwd: tmpdir() }).status === 0;
}

async function startPostgres(bin, dataDir, port) {
  const user = postgresUser();
  const pgData = join(dataDir, 'postgresql');
  const fresh = !existsSync(join(pgData, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(pgData, { recursive: true, mode: 0o700 });
    if (user) chownSync(pgData, user.uid, user.gid);
    say(`PostgreSQL: creating a database cluster in ${pgData}`);
    runPostgresTool(bin, user, 'initdb', [
      '-D',
      pgData,
      '-U',
      DB_USER,
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
    ]);
  }
  if (!fresh && postgresRunning(bin, user, pgData)) {
    say(`PostgreSQL already running on 127.0.0.1:${port}`);
    return { pgData, user };
  }
  // Only loopback TCP, and the socket in the data folder: nothing to clash with a system server.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${pgData} -c max_connections=200`;
  runPostgresTool(bin, user, 'pg_ctl', [
    'start',
    '-w',
    '-D',
    pgData,
    '-l',
    join(pgData, 'server.log'),
    '-o',
    options,
  ]);
  say(`PostgreSQL ready on 127.0.0.1:${port}${user ? ` (as user ${user.name})` : ''}`);
  return { pgData, user };
}

function stopPostgres(bin, pgData, user) {
  if (!existsSync(join(pgData, 'postmaster.pid'))) return;
  runPostgresTool(bin, user, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', pgData]);
  say('PostgreSQL stopped');
}

function sqlTool(binaries, pgPort, database, args) {
  const result = spawnSync(
    binaries.server.sqlTool,
    [
      '--plugin',
      'postgres12',
      '--endpoint',
      '127.0.0.1',
      '--port',
      String(pgPort),
      '--user',
      DB_USER,
      '--database',
      database,
      ...args,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed:\n${result.stderr}`);
  }
}

/** Creates each database on the first start and brings its schema to the server's version. */
function migrateSchemas(binaries, pgPort, fresh) {
  for (const [kind, database] of Object.entries(DATABASES)) {
    const schemaDir = join(binaries.server.schema, kind);
    if (fresh) {
      sqlTool(binaries, pgPort, database, ['create-database']);
      sqlTool(binaries, pgPort, database, ['setup-schema', '-v', '0.0']);
    }
    sqlTool(binaries, pgPort, database, ['update-schema', '-d', join(schemaDir, 'versioned')]);
  }
  say(`schemas of ${Object.values(DATABASES).join(' and ')} up to date`);
}

function datastore(database, pgPort, maxConns) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${pgPort}`,
      connectProtocol: 'tcp',
      user: DB_USER,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/** The server's config (JSON is YAML); ports drawn once and kept with the data. */
function serverConfig(dataDir, ports) {
  const service = (grpcPort, membershipPort, extra = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: {
        'postgres-default': datastore(DATABASES.temporal, ports.postgres, 20),
        'postgres-visibility': datastore(DATABASES.visibility, ports.postgres, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(ports.frontend, ports.frontendMembership, { httpPort: ports.frontendHttp }),
      history: service(ports.history, ports.historyMembership),
      matching: service(ports.matching, ports.matchingMembership),
      worker: service(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${ports.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: join(dataDir, 'dynamicconfig.yaml'), pollInterval: '10s' },
  };
}

/** As the dev server: visibility reads see new search attributes at once, and fewer throttles. */
const dynamicConfig = {
  'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true }],
  'frontend.namespaceRPS.visibility': [{ value: 100 }],
};

/** Membership ports are kept in a smallint column: they must be below 32768, under Linux's
 * ephemeral range, so they are drawn at random there and probed. */
async function freeMembershipPort(taken) {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(candidate)) continue;
    const port = await freePort(candidate).catch(() => null);
    if (port !== null) return port;
  }
}

async function drawPorts(frontend) {
  const names = [
    'postgres',
    'frontendHttp',
    'frontendMembership',
    'history',
    'historyMembership',
    'matching',
    'matchingMembership',
    'worker',
    'workerMembership',
  ];
  const ports = { frontend: frontend ?? (await freePort()) };
  const taken = new Set([ports.frontend]);
  for (const name of names) {
    ports[name] = name.endsWith('Membership') ? await freeMembershipPort(taken) : await freePort();
    taken.add(ports[name]);
  }
  return ports;
}

function tail(path, lines = 30) {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(-lines)
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
    .join('\n');
}

function spawnServer(binaries, dataDir, detached) {
  const logPath = join(dataDir, 'temporal-server.log');
  const log = openSync(logPath, 'a');
  const child = spawn(binaries.server.server, ['--config', join(dataDir, 'temporal.yaml')], {
    stdio: ['ignore', log, log],
    detached,
  });
  closeSync(log);
  if (detached) child.unref();
  return { child, logPath };
}

async function connect(address) {
  const { Connection } = await import('@temporalio/client');
  return Connection.connect({ address, connectTimeout: '5s' });
}

/** Waits until the frontend serves and the namespace exists, then registers the search attributes. */
async function prepare(address, namespace, child, logPath) {
  const started = Date.now();
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? code));
  let connection = null;
  let lastError = null;
  while (Date.now() - started < 120_000) {
    if (exited !== null) {
      throw new Error(`the Temporal Server exited (${exited}):\n${tail(logPath)}`);
    }
    try {
      connection ??= await connect(address);
      await connection.workflowService.describeNamespace({ namespace });
      break;
    } catch (error) {
      lastError = error;
      // NOT_FOUND (5): the server serves but the namespace is new to it.
      if (connection && error?.code === 5) {
        await connection.workflowService
          .registerNamespace({
            namespace,
            workflowExecutionRetentionPeriod: { seconds: 7 * 86400 },
          })
          .catch((registerError) => {
            if (registerError?.code !== 6) throw registerError; // 6: ALREADY_EXISTS
          });
        say(`namespace ${namespace} registered`);
      }
      await sleep(500);
    }
  }
  if (!connection || Date.now() - started >= 120_000) {
    throw new Error(`the Temporal Server did not serve in 120 s (${lastError}):\n${tail(logPath)}`);
  }
  try {
    const { tsImport } = await import('tsx/esm/api');
    const { ensureSearchAttributes } = await tsImport(
      join(root, 'server', 'search-attribute-registration.ts'),
      import.meta.url,
    );
    // The frontend learns of a new namespace on its next refresh; until then it is "not found".
    for (;;) {
      try {
        const added = await ensureSearchAttributes(connection, namespace);
        if (added.length > 0) say(`search attributes registered: ${added.join(', ')}`);
        break;
      } catch (error) {
        if (error?.code !== 5 || Date.now() - started >= 120_000) throw error;
        await sleep(500);
      }
    }
  } finally {
    await connection.close();
  }
  say(`Temporal Server ready: ${address}, namespace ${namespace} (${Date.now() - started} ms)`);
}

function stopProcess(child, signal = 'SIGTERM', timeoutMs = 20_000) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill(signal);
  });
}

/**
 * Starts PostgreSQL and the Temporal Server and resolves once the namespace serves with the
 * search attributes. `dataDir` keeps the data across starts; without it a temporary folder is
 * used and removed by `stop()`. Resolves to the address and the handles a test needs.
 */
export async function start({ dataDir, port, namespace = 'default', detached = false } = {}) {
  const binaries = await obtainCluster();
  const temporary = dataDir === undefined;
  const dir = temporary ? mkdtempSync(join(tmpdir(), 'dso-lv-cluster-')) : resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  // The postgres user must reach its data folder inside ours.
  if (process.getuid?.() === 0) spawnSync('chmod', ['755', dir]);
  const statePath = join(dir, 'cluster.json');
  const previous = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : null;
  const ports = previous?.ports ?? (await drawPorts(port));
  const fresh = !existsSync(join(dir, 'postgresql', 'PG_VERSION'));
  const { pgData, user } = await startPostgres(binaries.postgres.bin, dir, ports.postgres);
  let server = null;
  try {
    migrateSchemas(binaries, ports.postgres, fresh);
    writeFileSync(join(dir, 'temporal.yaml'), JSON.stringify(serverConfig(dir, ports), null, 2));
    writeFileSync(join(dir, 'dynamicconfig.yaml'), JSON.stringify(dynamicConfig, null, 2));
    const address = `127.0.0.1:${ports.frontend}`;
    const startServer = async () => {
      server = spawnServer(binaries, dir, detached);
      await prepare(address, namespace, server.child, server.logPath);
    };
    await startServer();
    const state = {
      address,
      namespace,
      ports,
      serverPid: server.child.pid,
      postgres: { bin: binaries.postgres.bin, pgData, user },
    };
    writeFileSync(statePath, JSON.stringify(state, null, 2));
    return {
      address,
      namespace,
      dataDir: dir,
      serverLog: server.logPath,
      postgres: { host: '127.0.0.1', port: ports.postgres, user: DB_USER, databases: DATABASES },
      /** Stops the Temporal Server only (SIGKILL: as a crash), leaving PostgreSQL running. */
      stopServer: async (signal = 'SIGTERM') => {
        if (server) await stopProcess(server.child, signal);
      },
      /** Starts the Temporal Server again on the same ports and data. */
      startServer,
      stop: async () => {
        if (server) await stopProcess(server.child);
        stopPostgres(binaries.postgres.bin, pgData, user);
        if (temporary) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (server) await stopProcess(server.child, 'SIGKILL');
    stopPostgres(binaries.postgres.bin, pgData, user);
    throw error;
  }
}

/** Stops a cluster started with `--detach`, from the state in its data folder. */
export async function stopDetached(dataDir) {
  const statePath = join(resolve(dataDir), 'cluster.json');
  if (!existsSync(statePath)) throw new Error(`no cluster state at ${statePath}`);
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  try {
    process.kill(state.serverPid, 'SIGTERM');
    for (let waited = 0; waited < 20_000; waited += 250) {
      process.kill(state.serverPid, 0);
      await sleep(250);
    }
    process.kill(state.serverPid, 'SIGKILL');
  } catch {
    // ESRCH: the server has exited.
  }
  say('Temporal Server stopped');
  stopPostgres(state.postgres.bin, state.postgres.pgData, state.postgres.user);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      namespace: { type: 'string', default: 'default' },
      detach: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (command === 'build') {
    await obtainCluster();
    return;
  }
  if (command === 'stop') {
    if (!values.data) throw new Error('stop needs --data DIR, the folder given to start');
    await stopDetached(values.data);
    return;
  }
  if (command !== 'start') {
    throw new Error(
      'usage: temporal-cluster.mjs start [--data DIR] [--port N] [--detach] | stop --data DIR | build',
    );
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`--port ${values.port}: expected a port number`);
  }
  if (values.detach && !values.data) throw new Error('--detach needs --data DIR, to stop it later');
  const cluster = await start({
    dataDir: values.data,
    port,
    namespace: values.namespace,
    detached: values.detach,
  });
  process.stdout.write(
    `TEMPORAL_ADDRESS=${cluster.address}\nTEMPORAL_NAMESPACE=${cluster.namespace}\n`,
  );
  say(`data in ${cluster.dataDir}, server log ${cluster.serverLog}`);
  if (values.detach) {
    say(
      `running in the background; stop it with: node scripts/temporal-cluster.mjs stop --data ${values.data}`,
    );
    return;
  }
  say('Ctrl-C stops the Temporal Server and PostgreSQL');
  await new Promise((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await cluster.stop();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
