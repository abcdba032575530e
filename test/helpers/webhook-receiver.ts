/** A real HTTP server on loopback that records what is POSTed to it, raw body and headers too. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The secret the test workers sign reminder webhooks with. */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface WebhookRequest {
  rawBody: string;
  headers: IncomingHttpHeaders;
}

export interface WebhookReceiver {
  url: string;
  received: Record<string, unknown>[];
  requests: WebhookRequest[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Record<string, unknown>[] = [];
  const requests: WebhookRequest[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      requests.push({ rawBody: body, headers: request.headers });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/reminders`,
    received,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
