/**
 * What stands in front of the embedded dev server's Web UI. The Temporal CLI 1.5.1 builds the UI
 * server's configuration in code and offers no flag for `disableWriteActions` (nor for the codec's
 * `includeCredentials`), so the UI listens on a loopback port of its own and this gate serves the
 * configured one: it applies the UI server's own read-only rule (ui-server 2.42.1,
 * `route.DisableWriteMiddleware`: reads and workflow queries pass, every other write is 405) and
 * reports the settings the browser app obeys in `/api/v1/settings`.
 */
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebUiGateOptions {
  host: string;
  port: number;
  /** Where the dev server's own UI listens, e.g. http://127.0.0.1:41234. */
  upstream: URL;
  /** False: read-only, as `disableWriteActions: true` makes the UI server. */
  writes: boolean;
  /** Set when a codec endpoint is configured: the UI sends the sign-in cookie to it. */
  codecCredentials: boolean;
}

export interface WebUiGate {
  url: string;
  stop(): Promise<void>;
}

const SETTINGS = '/api/v1/settings';
/** The one write the UI server lets through when writes are off: queries of a workflow. */
const isQuery = (method: string, path: string) =>
  method === 'POST' &&
  path.startsWith('/api/v1/namespaces/') &&
  path.includes('/workflows/') &&
  path.includes('/query/');

/** A port nobody listens on now, on loopback; the dev server binds it a moment later. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function rewriteSettings(body: string, options: WebUiGateOptions): string {
  const settings = JSON.parse(body) as Record<string, unknown> & {
    Codec?: Record<string, unknown> | null;
  };
  if (!options.writes) settings.DisableWriteActions = true;
  if (options.codecCredentials && settings.Codec?.Endpoint)
    settings.Codec.IncludeCredentials = true;
  return JSON.stringify(settings);
}

export async function startWebUiGate(options: WebUiGateOptions): Promise<WebUiGate> {
  const server: Server = createServer((request: IncomingMessage, response) => {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!options.writes && method !== 'GET' && method !== 'HEAD' && !isQuery(method, path)) {
      request.resume();
      response.writeHead(405, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Method Not Allowed' }));
      return;
    }
    const settings = method === 'GET' && path === SETTINGS;
    const outgoing = forward(
      new URL(request.url ?? '/', options.upstream),
      {
        method,
        // Uncompressed, so the settings can be rewritten; everything else streams as it is.
        headers: settings ? { ...request.headers, 'accept-encoding': 'identity' } : request.headers,
      },
      (answer) => {
        if (!settings || answer.statusCode !== 200) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body: string;
          try {
            body = rewriteSettings(Buffer.concat(chunks).toString('utf8'), options);
          } catch {
            response.writeHead(502, { 'content-type': 'application/json' });
            response.end(
              JSON.stringify({ message: 'the Temporal Web UI sent unreadable settings' }),
            );
            return;
          }
          // The body changed length and is sent whole, not in chunks.
          const headers = { ...answer.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          response.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
          response.end(body);
        });
      },
    );
    outgoing.on('error', (error) => {
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ message: `the Temporal Web UI does not answer: ${error.message}` }),
      );
    });
    request.pipe(outgoing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${options.host}:${options.port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
