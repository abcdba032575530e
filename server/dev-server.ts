/**
 * The embedded Temporal dev server: the Temporal CLI obtained by scripts/temporal-binaries.mjs,
 * persisting to SQLite in WAL mode, bound to loopback, with the custom search attributes
 * registered, and its Web UI behind a gate (server/web-ui-gate.ts) on its own port: read-only
 * unless asked, reading sealed payloads through the product's codec endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeRegistrations, searchAttributes } from '../workflows/search-attributes';
import { ensurePrivateDirectory, tightenFiles, withPrivateUmask } from './private-files';
import { readTemporalBinaries } from './temporal-binaries';
import { freeLoopbackPort, startWebUiGate, type WebUiGate } from './web-ui-gate';

export interface DevServerOptions {
  host: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file to persist to; undefined keeps everything in memory (tests). */
  dbFile: string | undefined;
  logFile: string;
  readyTimeoutMs?: number;
  /** The codec endpoint the Web UI decodes payloads with (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  /** Let the Web UI terminate, signal, reset, start …; by default it is read-only. */
  uiWrites?: boolean;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  source: string;
  /** The Temporal CLI's own process (undefined when the SDK runs it): crash tests kill it. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** The dev server stopped before serving; `logTail` holds its last words (often a port clash). */
export class DevServerExited extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(logTail ? `${message}\n${logTail}` : message);
    this.name = 'DevServerExited';
  }
}

/** Keeps the last lines the dev server printed, to explain an early exit without reading the log. */
function recentOutput(child: ChildProcess, keep = 15): () => string {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => lines.join('\n');
}

/** WAL lets the UI and visibility read while the server writes; NORMAL is safe with WAL. */
function pragmaArgs(dbFile: string | undefined): string[] {
  return dbFile
    ? ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL']
    : [];
}

async function waitUntilServing(
  address: string,
  child: ChildProcess,
  closed: Promise<void>,
  timeoutMs: number,
  logFile: string,
) {
  const tail = recentOutput(child);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how =
        child.exitCode !== null ? `code ${child.exitCode}` : `signal ${String(child.signalCode)}`;
      await closed; // all output read
      throw new DevServerExited(
        `the Temporal dev server exited with ${how}; see ${logFile}`,
        tail(),
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        // Something else may hold the port and accept connections without ever answering.
        await connection.withDeadline(Date.now() + 2000, () =>
          connection.workflowService.getSystemInfo({}),
        );
      } finally {
        await connection.close();
      }
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `the Temporal dev server did not answer on ${address} within ${timeoutMs} ms; see ${logFile}`,
          {
            cause: error,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The UI server starts in the background after the frontend; the gate opens once it answers. */
async function waitForUi(upstream: URL, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const answer = await fetch(new URL('/api/v1/settings', upstream), {
        signal: AbortSignal.timeout(2000),
      });
      if (answer.ok) return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`the Temporal Web UI did not answer on ${upstream.href}`, { cause: error });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The gate on the configured UI port; a port in use is reported like the CLI's own bind errors. */
async function openGate(
  options: DevServerOptions,
  upstream: URL,
  timeoutMs: number,
): Promise<WebUiGate> {
  await waitForUi(upstream, timeoutMs);
  try {
    return await startWebUiGate({
      host: options.host,
      port: options.uiPort,
      upstream,
      writes: options.uiWrites ?? false,
      codecCredentials: options.uiCodecEndpoint !== undefined,
    });
  } catch (error) {
    throw new DevServerExited(
      `the Web UI port ${options.uiPort} cannot be used`,
      `listen on ${options.host}:${options.uiPort}: ${error instanceof Error ? error.message : String(error)} (address already in use?)`,
    );
  }
}

/** The dev server's own UI: loopback only, on a port of its own; the gate serves the real one. */
function uiArgs(options: DevServerOptions, innerPort: number): string[] {
  return [
    '--ui-ip',
    '127.0.0.1',
    '--ui-port',
    String(innerPort),
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { devServer } = readTemporalBinaries();
  const address = `${options.host}:${options.port}`;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  if (options.dbFile) {
    ensurePrivateDirectory(dirname(options.dbFile));
    tightenFiles(['', '-wal', '-shm'].map((suffix) => `${options.dbFile ?? ''}${suffix}`));
  }
  mkdirSync(dirname(options.logFile), { recursive: true });
  const innerUiPort = await freeLoopbackPort();
  const upstream = new URL(`http://127.0.0.1:${innerUiPort}`);

  if (!devServer?.path) {
    // No Go toolchain on this machine: the SDK downloads the CLI (needs internet).
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: options.host,
        port: options.port,
        ui: true,
        uiPort: innerUiPort,
        namespace: options.namespace,
        ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
        extraArgs: [
          ...pragmaArgs(options.dbFile),
          '--ui-ip',
          '127.0.0.1',
          ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
        ],
        searchAttributes: Object.values(searchAttributes),
      },
    });
    let gate: WebUiGate;
    try {
      gate = await openGate(options, upstream, readyTimeoutMs);
    } catch (error) {
      await env.teardown();
      throw error;
    }
    return {
      address,
      uiUrl: gate.url,
      source: 'sdk-download',
      pid: undefined,
      async stop() {
        await gate.stop();
        await env.teardown();
      },
    };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    options.host,
    '--port',
    String(options.port),
    ...uiArgs(options, innerUiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...pragmaArgs(options.dbFile),
    ...searchAttributeRegistrations.flatMap(({ name, type }) => [
      '--search-attribute',
      `${name}=${type}`,
    ]),
  ];
  const log = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
  const binary = devServer.path;
  const child = withPrivateUmask(() => spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  // Both streams write to one log: neither may end it, or the other's last lines would be
  // written after the end. It ends when the process has closed both.
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      log.end();
      resolve();
    }),
  );
  let gate: WebUiGate;
  try {
    await waitUntilServing(address, child, closed, readyTimeoutMs, options.logFile);
    gate = await openGate(options, upstream, readyTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  // A dev server that dies (or is killed) takes its gate with it: the port is free for a restart.
  void closed.then(() => gate.stop());
  return {
    address,
    uiUrl: gate.url,
    source: `${devServer.source} (${devServer.path})`,
    pid: child.pid,
    async stop() {
      await gate.stop();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await closed;
        clearTimeout(timer);
      }
      await closed; // the log has its last lines and is ended
    },
  };
}
