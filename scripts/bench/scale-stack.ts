/**
 * What the scale benchmark runs against: a Temporal server at `--address` (e.g. the PostgreSQL
 * cluster of scripts/temporal-cluster.mjs), or the embedded dev server started here as
 * `npm run bench` starts it; one worker and the API as production runs them, payloads sealed by
 * the product's codec (opening each memo is part of what the inbox and the feed pay).
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { pino } from 'pino';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerActivities } from '../../activities/worker-activities';
import { createApp } from '../../server/app';
import { startDevServer, type DevServer } from '../../server/dev-server';
import { createLogger } from '../../server/logger';
import { EncryptionCodec } from '../../server/payload-codec';
import { ProcessService } from '../../server/process-service';
import { ensureSearchAttributes } from '../../server/search-attribute-registration';
import { dataConverterWith } from '../../server/temporal-connection';
import { createTokenFile, TokenRegistry } from '../../server/tokens';
import { ensureWorkflowBundle } from '../../server/workflow-bundle';

export interface ScaleStack {
  client: Client;
  /** The API's base, ".../api/v1". */
  baseUrl: string;
  tokens: Record<string, string>;
  /** Which server: "dev server" or the address given. */
  server: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startScaleStack(options: {
  address: string | undefined;
  namespace: string;
  taskQueue: string;
}): Promise<ScaleStack> {
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-bench-scale-'));
  let devServer: DevServer | undefined;
  let address = options.address;
  if (address === undefined) {
    devServer = await startDevServer({
      host: '127.0.0.1',
      port: await freePort(),
      uiPort: await freePort(),
      namespace: options.namespace,
      dbFile: undefined,
      logFile: join(dir, 'temporal.log'),
    });
    address = devServer.address;
  }
  const dataConverter = dataConverterWith(
    new EncryptionCodec([{ id: 'bench-key', key: randomBytes(32) }]),
  );
  const connection = await Connection.connect({ address });
  // A cluster set up by hand may not know the product's search attributes yet.
  if (devServer === undefined) await ensureSearchAttributes(connection, options.namespace);
  const client = new Client({ connection, namespace: options.namespace, dataConverter });
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    maxCachedWorkflows: 2000,
    workflowBundle: { codePath: (await ensureWorkflowBundle()).codePath },
    activities: createWorkerActivities({ log: () => undefined }),
    dataConverter,
  });
  const workerRun = worker.run();
  const tokenFile = createTokenFile(join(dir, 'tokens.json'));
  const app = createApp({
    processes: new ProcessService(client, options.taskQueue),
    tokens: new TokenRegistry(tokenFile),
    // As in production (an access line per request at info), written where it costs no terminal.
    logger: createLogger('info', pino.destination({ dest: '/dev/null', sync: true })),
    rateLimitPerMinute: 100_000_000,
    calendar: { rateLimitPerMinute: 100_000_000, maxConcurrent: 1000 },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    client,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    tokens: Object.fromEntries(tokenFile.tokens.map(({ token, actor }) => [actor.id, token])),
    server: devServer === undefined ? address : 'dev server (in memory)',
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await workerRun;
      await workerConnection.close();
      await connection.close();
      await devServer?.stop();
    },
  };
}
