/** The gate in front of the dev server's Web UI, against a stand-in for the UI server. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freeLoopbackPort, startWebUiGate, type WebUiGate } from '../../server/web-ui-gate';

let upstream: Server;
let upstreamUrl: URL;
const seen: string[] = [];

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
  });

beforeAll(async () => {
  upstream = createServer((request, response) => {
    void body(request).then((text) => {
      seen.push(`${request.method ?? ''} ${request.url ?? ''} ${text}`);
      if (request.url === '/api/v1/settings') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            DisableWriteActions: false,
            Codec: { Endpoint: 'http://127.0.0.1:3000/codec', IncludeCredentials: false },
            Version: '2.42.1',
          }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': 'yes' });
      response.end(`upstream ${request.method ?? ''}`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = new URL(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));

async function gate(writes: boolean): Promise<WebUiGate> {
  return startWebUiGate({
    host: '127.0.0.1',
    port: await freeLoopbackPort(),
    upstream: upstreamUrl,
    writes,
    codecCredentials: true,
  });
}

const terminate = '/api/v1/namespaces/default/workflows/acceptance%3Aloket/terminate';
const query = '/api/v1/namespaces/default/workflows/acceptance%3Aloket/query/view';

test('read-only: reads and workflow queries pass, every write is 405 and never reaches the UI', async () => {
  const readOnly = await gate(false);
  try {
    seen.length = 0;
    const page = await fetch(`${readOnly.url}/namespaces/default/workflows`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-upstream')).toBe('yes');
    const settings = (await (await fetch(`${readOnly.url}/api/v1/settings`)).json()) as {
      DisableWriteActions: boolean;
      Codec: { Endpoint: string; IncludeCredentials: boolean };
    };
    expect(settings.DisableWriteActions).toBe(true);
    expect(settings.Codec).toEqual({
      Endpoint: 'http://127.0.0.1:3000/codec',
      IncludeCredentials: true,
    });
    const asked = await fetch(`${readOnly.url}${query}`, { method: 'POST', body: '{}' });
    expect(await asked.text()).toBe('upstream POST');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const refused = await fetch(`${readOnly.url}${terminate}`, {
        method,
        body: '{"reason":"x"}',
      });
      expect(refused.status).toBe(405);
    }
    expect(seen.filter((line) => line.includes('terminate'))).toEqual([]);
    expect(seen).toContain(`POST ${query} {}`);
  } finally {
    await readOnly.stop();
  }
});

test('with writes on (TEMPORAL_UI_WRITES=true) the UI server gets them, bodies intact', async () => {
  const writable = await gate(true);
  try {
    seen.length = 0;
    const sent = await fetch(`${writable.url}${terminate}`, {
      method: 'POST',
      body: '{"reason":"x"}',
    });
    expect(await sent.text()).toBe('upstream POST');
    expect(seen).toEqual([`POST ${terminate} {"reason":"x"}`]);
    const settings = (await (await fetch(`${writable.url}/api/v1/settings`)).json()) as {
      DisableWriteActions: boolean;
    };
    expect(settings.DisableWriteActions).toBe(false);
  } finally {
    await writable.stop();
  }
});

test('a UI that does not answer is a 502, not a hang', async () => {
  const port = await freeLoopbackPort();
  const orphan = await startWebUiGate({
    host: '127.0.0.1',
    port: await freeLoopbackPort(),
    upstream: new URL(`http://127.0.0.1:${port}`),
    writes: false,
    codecCredentials: false,
  });
  try {
    expect((await fetch(`${orphan.url}/`)).status).toBe(502);
  } finally {
    await orphan.stop();
  }
});
