/**
 * What the benchmarks run against: the embedded dev server (in memory, as the API tests start
 * it), one worker with the product's workflows, one with the plain baselines, and the API.
 */
import { pino } from 'pino';
import { createLogger } from '../../server/logger';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerActivities } from '../../activities/worker-activities';
import { createApp } from '../../server/app';
import { startDevServer, type DevServer } from '../../server/dev-server';
import { ProcessService } from '../../server/process-service';
import { createTokenFile, TokenRegistry } from '../../server/tokens';
import { bundleWorkflows, ensureWorkflowBundle } from '../../server/workflow-bundle';

export const HOST_QUEUE = 'bench-host';
export const PLAIN_QUEUE = 'bench-plain';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BenchStack {
  client: Client;
  /** The workers' connection, for workers a measurement starts itself. */
  workerConnection: NativeConnection;
  baseUrl: string;
  tokens: Record<string, string>;
  hostWorker: Worker;
  stop(): Promise<void>;
}

export async function startBenchStack(
  hostCacheSize = 1000,
  /** The host's bundle; the prebuilt one (built here when the sources changed) by default. */
  hostBundlePath?: string,
): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-bench-'));
  const devServer: DevServer = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: undefined,
    logFile: join(dir, 'temporal.log'),
  });
  const connection = await Connection.connect({
    address: devServer.address,
    // A history page of a long run can pass gRPC's default 4 MB (measured by (f)).
    channelArgs: { 'grpc.max_receive_message_length': 256 * 1024 * 1024 },
  });
  const client = new Client({ connection, namespace: 'default' });
  const workerConnection = await NativeConnection.connect({ address: devServer.address });
  const logger = new DefaultLogger('WARN');
  const hostWorker = await Worker.create({
    connection: workerConnection,
    taskQueue: HOST_QUEUE,
    maxCachedWorkflows: hostCacheSize,
    // As a built worker starts: from the prebuilt bundle (built here when the sources changed).
    workflowBundle: { codePath: hostBundlePath ?? (await ensureWorkflowBundle()).codePath },
    activities: createWorkerActivities({ log: () => undefined }),
  });
  const plainWorker = await Worker.create({
    connection: workerConnection,
    taskQueue: PLAIN_QUEUE,
    maxCachedWorkflows: hostCacheSize,
    // Bundled alike (no inline source map), so that both sides load the same kind of code.
    workflowBundle: {
      code: (await bundleWorkflows(require.resolve('./plain-workflows'), logger)).code,
    },
  });
  const runs = [hostWorker.run(), plainWorker.run()];
  const tokenFile = createTokenFile(join(dir, 'tokens.json'));
  const app = createApp({
    processes: new ProcessService(client, HOST_QUEUE),
    tokens: new TokenRegistry(tokenFile),
    // As in production (an access line per request at info), written where it costs no terminal.
    logger: createLogger('info', pino.destination({ dest: '/dev/null', sync: true })),
    rateLimitPerMinute: 1_000_000,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    client,
    workerConnection,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    tokens: Object.fromEntries(tokenFile.tokens.map(({ token, actor }) => [actor.id, token])),
    hostWorker,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      hostWorker.shutdown();
      plainWorker.shutdown();
      await Promise.all(runs);
      await workerConnection.close();
      await connection.close();
      await devServer.stop();
    },
  };
}
