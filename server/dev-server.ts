/**
 * The embedded Temporal dev server: the Temporal CLI obtained by scripts/temporal-binaries.mjs,
 * persisting to SQLite in WAL mode, bound to loopback, with the Web UI on its own port and the
 * custom search attributes registered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeRegistrations, searchAttributes } from '../workflows/search-attributes';
import { ensurePrivateDirectory, tightenFiles, withPrivateUmask } from './private-files';
import { readTemporalBinaries } from './temporal-binaries';

export interface DevServerOptions {
  host: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file to persist to; undefined keeps everything in memory (tests). */
  dbFile: string | undefined;
  logFile: string;
  readyTimeoutMs?: number;
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

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { devServer } = readTemporalBinaries();
  const address = `${options.host}:${options.port}`;
  const uiUrl = `http://${options.host}:${options.uiPort}`;
  if (options.dbFile) {
    ensurePrivateDirectory(dirname(options.dbFile));
    tightenFiles(['', '-wal', '-shm'].map((suffix) => `${options.dbFile ?? ''}${suffix}`));
  }
  mkdirSync(dirname(options.logFile), { recursive: true });

  if (!devServer?.path) {
    // No Go toolchain on this machine: the SDK downloads the CLI (needs internet).
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: options.host,
        port: options.port,
        ui: true,
        uiPort: options.uiPort,
        namespace: options.namespace,
        ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
        extraArgs: pragmaArgs(options.dbFile),
        searchAttributes: Object.values(searchAttributes),
      },
    });
    return {
      address,
      uiUrl,
      source: 'sdk-download',
      pid: undefined,
      stop: () => env.teardown(),
    };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    options.host,
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
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
  try {
    await waitUntilServing(
      address,
      child,
      closed,
      options.readyTimeoutMs ?? 60_000,
      options.logFile,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    uiUrl,
    source: `${devServer.source} (${devServer.path})`,
    pid: child.pid,
    async stop() {
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
