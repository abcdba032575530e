/**
 * The product as `npm start` runs it, on free ports: the embedded dev server (in memory), a worker
 * and the API, with a fresh token file and a fresh payload key.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerActivities } from '../../activities/worker-activities';
import { createApp } from '../../server/app';
import { codecRoute } from '../../server/codec-route';
import { EncryptionCodec, type PayloadKey } from '../../server/payload-codec';
import { dataConverterWith } from '../../server/temporal-connection';
import { createLogger, type Logger } from '../../server/logger';
import { DevServerExited, startDevServer, type DevServer } from '../../server/dev-server';
import type { OidcVerifier } from '../../server/oidc';
import { ProcessService } from '../../server/process-service';
import { createTokenFile, TokenRegistry } from '../../server/tokens';
import { workflowBundle } from './workflow-environment';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Test suites run in parallel, each with its own dev server, which picks further free ports itself
 * (HTTP, metrics, internal services); a port taken between probe and bind makes it exit at once.
 * That is a race of the test set-up, not of the product, so it is retried on fresh ports.
 */
async function startDevServerOnFreePorts(
  dir: string,
  ui: { uiCodecEndpoint: string; uiWrites: boolean },
  attempts = 3,
): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServer({
        host: '127.0.0.1',
        port: await freePort(),
        uiPort: await freePort(),
        namespace: 'default',
        dbFile: undefined,
        logFile: join(dir, `temporal-${attempt}.log`),
        ...ui,
      });
    } catch (error) {
      if (!(error instanceof DevServerExited) || attempt >= attempts) throw error;
      console.warn(
        `dev server attempt ${attempt} failed, retrying on fresh ports:\n${error.logTail}`,
      );
    }
  }
}

export interface ApiStack {
  baseUrl: string;
  /** Bearer token by actor id (e.g. "tbo", "ogb-rijk", "programma-dso"). */
  tokens: Record<string, string>;
  /** The token file, for scripts that read it (`TOKENS_FILE` of scripts/token.mjs). */
  tokensFile: string;
  devServer: DevServer;
  /** Seals with the stack's payload key, as the API and the worker do. */
  client: Client;
  payloadKey: PayloadKey;
  stop(): Promise<void>;
}

export async function startApiStack(
  taskQueue: string,
  options: {
    rateLimitPerMinute?: number;
    calendar?: { rateLimitPerMinute?: number; maxConcurrent?: number };
    metricsToken?: string;
    logger?: Logger;
    uiWrites?: boolean;
    /** OpenID Connect sign-in beside the token file (test/helpers/oidc-provider.ts). */
    oidc?: OidcVerifier;
  } = {},
): Promise<ApiStack> {
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-api-'));
  // The API listens before the dev server starts: its Web UI is told the codec endpoint's port.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiPort = (server.address() as AddressInfo).port;
  const devServer = await startDevServerOnFreePorts(dir, {
    uiCodecEndpoint: `http://127.0.0.1:${apiPort}/codec`,
    uiWrites: options.uiWrites ?? false,
  }).catch((error: unknown) => {
    server.close();
    throw error;
  });
  const tokenFile = createTokenFile(join(dir, 'tokens.json'));
  const tokens = new TokenRegistry(tokenFile);
  const payloadKey: PayloadKey = { id: 'test-key', key: randomBytes(32) };
  const dataConverter = dataConverterWith(new EncryptionCodec([payloadKey]));
  const connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection, namespace: 'default', dataConverter });
  const workerConnection = await NativeConnection.connect({ address: devServer.address });
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createWorkerActivities({ log: () => undefined }),
    dataConverter,
  });
  const workerRun = worker.run();
  const app = createApp({
    processes: new ProcessService(client, taskQueue),
    tokens,
    codec: codecRoute({
      codec: new EncryptionCodec([payloadKey]),
      tokens,
      corsOrigins: [devServer.uiUrl],
      secureCookie: false,
    }),
    // Unexpected errors show in the test output; the suites' access lines would bury it.
    logger: options.logger ?? createLogger('error'),
    // The suites send far more than an operator would; the limit has a test of its own.
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000,
    calendar: options.calendar ?? { rateLimitPerMinute: 1_000_000, maxConcurrent: 1000 },
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
    ...(options.oidc === undefined ? {} : { oidc: options.oidc }),
  });
  server.on('request', app);
  return {
    baseUrl: `http://127.0.0.1:${apiPort}`,
    tokens: Object.fromEntries(tokenFile.tokens.map(({ token, actor }) => [actor.id, token])),
    tokensFile: join(dir, 'tokens.json'),
    devServer,
    client,
    payloadKey,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await workerRun;
      await workerConnection.close();
      await connection.close();
      await devServer.stop();
    },
  };
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client for the tests: JSON in, JSON out, an optional bearer token. */
export function apiClient(stack: ApiStack) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined || options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.rawBody ?? JSON.stringify(options.body);
    }
    const response = await fetch(`${stack.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as T,
    };
  };
}

/**
 * An error answer of the API as tests read it: a problem (RFC 9457) and the product's code. Its
 * `status` is left out: tests read the HTTP status, and a view's `status` is the run's.
 */
export interface ProblemAnswer {
  type: string;
  title: string;
  detail: string;
  instance: string;
  code: string;
  errors?: { name: string; in: string; code: string; detail: string }[];
  details?: Record<string, unknown> & { allowedRoles?: string[]; reason?: string };
}
