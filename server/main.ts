/**
 * `npm start`: the whole product on one machine. Without TEMPORAL_ADDRESS it launches the embedded
 * Temporal dev server; then a worker and the API. One line per component when it is ready; a clean
 * shutdown on SIGINT and SIGTERM.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ensureSearchAttributes } from './search-attribute-registration';
import { searchAttributeRegistrations } from '../workflows/search-attributes';
import { ensurePcCycleSchedule, PC_CYCLE_SCHEDULE_ID } from './pc-cycle-schedule';
import { ConfigError, loadConfig } from './config';
import { startDevServer, type DevServer } from './dev-server';
import { ProcessService } from './process-service';
import { ensureTokenFile, TokenRegistry } from './tokens';
import { createWorker } from './worker';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** What to stop on shutdown, in the order things were started; stopped in reverse. */
const stops: (() => Promise<void>)[] = [];
let stopping = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${reason}, shutting down`);
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      process.stderr.write(`error while shutting down: ${String(error)}\n`);
    }
  }
  say('Stopped');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  // The SDK's own info lines (bundle statistics, state changes) would drown the ready lines, and
  // its own signal handling would race ours: shutdown below stops everything in order.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    shutdownSignals: [],
    ...(config.workerMetricsPort === undefined
      ? {}
      : {
          telemetryOptions: {
            metrics: {
              prometheus: { bindAddress: `${config.host}:${config.workerMetricsPort}` },
            },
          },
        }),
  });
  if (config.workerMetricsPort !== undefined) {
    say(`Worker metrics: http://${config.host}:${config.workerMetricsPort}/metrics`);
  }

  const { file: tokenFile, created } = ensureTokenFile(config.tokensFile);
  say(`Operator tokens ${created ? 'created in' : 'read from'} ${config.tokensFile}`);

  process.on('SIGINT', () => void shutdown('SIGINT received', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM received', 0));

  let address = config.temporalAddress;
  if (address) {
    say(
      `Temporal: using the cluster at ${address} (TEMPORAL_ADDRESS), namespace ${config.namespace}`,
    );
  } else {
    const devServer: DevServer = await startDevServer({
      host: config.host,
      port: config.embedded.port,
      uiPort: config.embedded.uiPort,
      namespace: config.namespace,
      dbFile: config.embedded.dbFile,
      logFile: config.embedded.logFile,
    });
    stops.push(() => devServer.stop());
    address = devServer.address;
    say(
      `Temporal dev server ready: ${address}, namespace ${config.namespace}, data ${config.embedded.dbFile} ` +
        `[${devServer.source}]`,
    );
    say(`Temporal Web UI ready: ${devServer.uiUrl}`);
  }

  // Connections to the embedded dev server are plain; a cluster may need TLS and an API key.
  const remote = config.temporalAddress !== undefined;
  const tls = remote && config.connection.tls;
  const apiKey = remote ? config.connection.apiKey : undefined;

  if (config.components.worker) {
    const { worker, connection: workerConnection } = await createWorker({
      address,
      tls,
      apiKey,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      reminders: config.reminders,
      log: (message, fields) => say(`${message} ${JSON.stringify(fields)}`),
    });
    const workerRun = worker.run().catch((error: unknown) => {
      process.stderr.write(`the worker stopped: ${String(error)}\n`);
      void shutdown('Worker failed', 1);
    });
    stops.push(async () => {
      worker.shutdown();
      await workerRun;
      await workerConnection.close();
    });
    say(`Worker ready: task queue ${config.taskQueue}`);
  }
  if (!config.components.api) return;

  const connection = await Connection.connect({
    address,
    ...(tls ? { tls: true } : {}),
    ...(apiKey ? { apiKey } : {}),
  });
  stops.push(() => connection.close());
  const client = new Client({ connection, namespace: config.namespace });
  if (remote) {
    try {
      const added = await ensureSearchAttributes(connection, config.namespace);
      say(`Search attributes ${added.length ? `registered: ${added.join(', ')}` : 'present'}`);
    } catch (error) {
      // Temporal Cloud does not take them through this API: they are added in its namespace settings.
      process.stderr.write(
        `could not check or register the search attributes (${String(error)}); register ${searchAttributeRegistrations.map((a) => `${a.name}=${a.type}`).join(', ')} yourself\n`,
      );
    }
  }
  const schedule = await ensurePcCycleSchedule(client, config.taskQueue);
  say(
    `Schedule ${PC_CYCLE_SCHEDULE_ID} ${schedule === 'exists' ? 'present' : schedule}: the P&C cycle of the coming year starts on 1 December`,
  );
  const app = createApp({
    processes: new ProcessService(client, config.taskQueue),
    tokens: new TokenRegistry(tokenFile),
    log: (message, error) => process.stderr.write(`${message}: ${String(error)}\n`),
    rateLimitPerMinute: config.rateLimitPerMinute,
    publicBaseUrl: config.publicBaseUrl,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  say(`API ready: http://${config.host}:${config.port}/api (health: /api/health)`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  void shutdown('Start-up failed', 1);
});
