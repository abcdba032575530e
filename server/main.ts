/**
 * `npm start`: the whole product on one machine. Without TEMPORAL_ADDRESS it launches the embedded
 * Temporal dev server; then a worker and the API. Logs are JSON lines on stdout (pino), one per
 * component when it is ready; a clean shutdown on SIGINT and SIGTERM, in reverse order of start.
 */
import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createApp } from './app';
import { codecRoute } from './codec-route';
import { EncryptionCodec } from './payload-codec';
import { ensurePayloadKeys } from './payload-keys';
import { connectionOptions, dataConverterWith } from './temporal-connection';
import { ensureSearchAttributes } from './search-attribute-registration';
import { searchAttributeRegistrations } from '../workflows/search-attributes';
import { ensurePcCycleSchedule, PC_CYCLE_SCHEDULE_ID } from './pc-cycle-schedule';
import { ConfigError, loadConfig } from './config';
import { startDevServer, type DevServer } from './dev-server';
import { ProcessService } from './process-service';
import { ensureTokenFile, TokenRegistry } from './tokens';
import { OidcVerifier } from './oidc';
import { createWorker } from './worker';
import { setCurrentVersion } from './worker-deployment';
import { createLogger, type Logger } from './logger';
import { temporalLogger } from './temporal-logger';

/** Set once the configuration (with LOG_LEVEL) is read; until then problems go to stderr as text. */
let logger: Logger | undefined;
const say = (message: string, fields: Record<string, unknown> = {}) =>
  logger?.info(fields, message);

/** What to stop on shutdown, in the order things were started; stopped in reverse. */
const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${reason}, shutting down`);
  for (const { name, stop } of stops.reverse()) {
    try {
      await stop();
      say(`${name} stopped`);
    } catch (error) {
      logger?.error({ err: error }, `error while stopping the ${name}`);
    }
  }
  say('Stopped');
  process.exit(exitCode);
}

/** A second signal while stopping means: do not wait any longer. */
function onSignal(signal: NodeJS.Signals): void {
  if (stopping) {
    logger?.warn({ signal }, `${signal} received again, exiting without waiting`);
    process.exit(1);
  }
  void shutdown(`${signal} received`, 0);
}

/** Stops accepting connections; requests in flight get the grace time, then are cut off. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cutOff);
      resolve();
    });
  });
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
  logger = createLogger(config.logLevel);
  const log = logger;

  // The SDK's, the workflows' and the activities' lines (Core's too) become JSON lines of the same
  // log; the SDK's own signal handling would race ours: shutdown below stops everything in order.
  Runtime.install({
    logger: temporalLogger(log, config.logLevel),
    shutdownSignals: [],
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(config.workerMetricsPort === undefined
        ? {}
        : {
            metrics: {
              prometheus: { bindAddress: `${config.host}:${config.workerMetricsPort}` },
            },
          }),
    },
  });
  if (config.workerMetricsPort !== undefined) {
    say(`Worker metrics: http://${config.host}:${config.workerMetricsPort}/metrics`);
  }

  const { file: tokenFile, created } = ensureTokenFile(config.tokensFile);
  say(`Operator tokens ${created ? 'created in' : 'read from'} ${config.tokensFile}`);

  const payloadKeys = ensurePayloadKeys(config.payloadCodec.keys);
  const keySource =
    payloadKeys.origin === 'PAYLOAD_KEYS'
      ? 'taken from PAYLOAD_KEYS'
      : `${payloadKeys.origin === 'created' ? 'created in' : 'read from'} ${config.payloadCodec.keys.file}`;
  say(`Payload keys ${keySource}: sealing with "${payloadKeys.keys[0]?.id ?? ''}"`, {
    keyIds: payloadKeys.keys.map((key) => key.id),
  });
  if (payloadKeys.warning) log.warn(payloadKeys.warning);
  if (
    payloadKeys.origin === 'created' &&
    !config.temporalAddress &&
    existsSync(config.embedded.dbFile)
  ) {
    // Runs of an older version have plain payloads, which the codec now refuses.
    log.warn(
      `${config.embedded.dbFile} holds runs from before the payload codec: start with PAYLOAD_ACCEPT_PLAIN=true until they have ended`,
    );
  }
  if (config.payloadCodec.acceptPlain) {
    log.warn(
      'PAYLOAD_ACCEPT_PLAIN=true: unsealed payloads pass, so anyone who reaches Temporal can act as any operator; turn it off once the older runs have ended',
    );
  }
  // One codec for the API's client and the worker: it seals, and tells which payloads it refused.
  const payloadCodec = new EncryptionCodec(payloadKeys.keys, {
    acceptPlain: config.payloadCodec.acceptPlain,
    onRefused: (reason, context) =>
      log.warn(
        {
          reason,
          ...(context?.type === 'workflow' ? { workflowId: context.workflowId } : {}),
        },
        'refused a payload the payload keys do not verify',
      ),
  });

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

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
      uiCodecEndpoint: config.codecEndpoint.url,
      uiWrites: config.embedded.uiWrites,
    });
    stops.push({ name: 'Temporal dev server', stop: () => devServer.stop() });
    address = devServer.address;
    say(
      `Temporal dev server ready: ${address}, namespace ${config.namespace}, data ${config.embedded.dbFile} ` +
        `[${devServer.source}]`,
    );
    say(`Temporal Web UI ready: ${devServer.uiUrl}`);
    say(
      `Temporal Web UI ${config.embedded.uiWrites ? 'takes write actions (TEMPORAL_UI_WRITES=true)' : 'is read-only (TEMPORAL_UI_WRITES=true allows writes)'}; payloads decoded by ${config.codecEndpoint.url}`,
    );
  }

  // Connections to the embedded dev server are plain; a cluster may need TLS, a client
  // certificate and an API key.
  const remote = config.temporalAddress !== undefined;
  const temporal = connectionOptions(address, remote ? config.connection : undefined);

  if (config.components.worker) {
    const {
      worker,
      connection: workerConnection,
      version,
    } = await createWorker({
      connection: temporal,
      payloadCodec,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      reminders: config.reminders,
      logger: log,
      shutdownGraceTimeMs: config.shutdownGraceTimeMs,
      ...(config.workerDeployment ? { deployment: config.workerDeployment } : {}),
    });
    const workerRun = worker.run().catch((error: unknown) => {
      log.error({ err: error }, 'the worker stopped');
      void shutdown('Worker failed', 1);
    });
    // The worker finishes its tasks; activities get SHUTDOWN_GRACE_TIME, then are cancelled.
    stops.push({
      name: 'Worker',
      stop: async () => {
        worker.shutdown();
        await workerRun;
        await workerConnection.close();
      },
    });
    say(
      `Worker ready: task queue ${config.taskQueue}${version ? `, version ${version.deploymentName}/${version.buildId}` : ''}`,
      version ? { deploymentName: version.deploymentName, buildId: version.buildId } : {},
    );
    if (version && config.workerDeployment?.setCurrent) {
      const { previous } = await setCurrentVersion(workerConnection.workflowService, {
        namespace: config.namespace,
        version,
        identity: `worker ${version.buildId} (WORKER_SET_CURRENT_VERSION)`,
      });
      say(
        `Worker version ${version.buildId} is current${previous ? `, after ${previous.buildId}` : ''}`,
        { buildId: version.buildId, previousBuildId: previous?.buildId },
      );
    }
  }
  if (!config.components.api) return;

  const connection = await Connection.connect(temporal);
  stops.push({ name: 'Temporal client', stop: () => connection.close() });
  const client = new Client({
    connection,
    namespace: config.namespace,
    dataConverter: dataConverterWith(payloadCodec),
  });
  if (remote) {
    try {
      const added = await ensureSearchAttributes(connection, config.namespace);
      say(`Search attributes ${added.length ? `registered: ${added.join(', ')}` : 'present'}`);
    } catch (error) {
      // Temporal Cloud does not take them through this API: they are added in its namespace settings.
      log.warn(
        { err: error },
        `could not check or register the search attributes; register ${searchAttributeRegistrations.map((a) => `${a.name}=${a.type}`).join(', ')} yourself`,
      );
    }
  }
  const { schedule, comingCycle } = await ensurePcCycleSchedule(client, config.taskQueue);
  say(
    `Schedule ${PC_CYCLE_SCHEDULE_ID} ${schedule === 'exists' ? 'present' : schedule}: the P&C cycle of the coming year starts on 1 December`,
  );
  if (comingCycle) {
    say(
      `Installed after this year's 1 December start: ${comingCycle.workflowId} ${comingCycle.started ? 'started now' : 'already there'}`,
    );
  }
  const tokens = new TokenRegistry(tokenFile);
  const app = createApp({
    processes: new ProcessService(client, config.taskQueue, config.pageTokenKey),
    tokens,
    logger: log,
    rateLimitPerMinute: config.rateLimitPerMinute,
    calendar: config.calendar,
    metricsToken: config.metricsToken,
    publicBaseUrl: config.publicBaseUrl,
    apiContact: config.apiContact,
    ...(config.oidc ? { oidc: new OidcVerifier(config.oidc) } : {}),
    // Its own codec: what the Web UI looks at is no warning for the log.
    codec: codecRoute({
      codec: new EncryptionCodec(payloadKeys.keys, {
        acceptPlain: config.payloadCodec.acceptPlain,
      }),
      tokens,
      corsOrigins: config.codecEndpoint.corsOrigins,
      secureCookie: config.publicBaseUrl.startsWith('https:'),
    }),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  stops.push({ name: 'API', stop: () => closeServer(server, config.shutdownGraceTimeMs) });
  say(`API ready: http://${config.host}:${config.port}/api/v1 (health: /api/v1/health)`);
  if (config.oidc) say(`Sign-in: access tokens of ${config.oidc.issuer} besides the token file`);
}

main().catch((error: unknown) => {
  if (logger) logger.fatal({ err: error }, 'start-up failed');
  else
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  void shutdown('Start-up failed', 1);
});
