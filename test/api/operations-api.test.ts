/**
 * What operations rely on: readiness that tells whether Temporal answers, rate limits that
 * cannot be dodged, and metrics for Prometheus only.
 */
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { ProcessService } from '../../server/process-service';
import { createTokenFile, TokenRegistry } from '../../server/tokens';
import { apiClient, freePort, startApiStack, type ApiStack } from '../helpers/api-stack';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => {
  const value = stack.tokens[actorId];
  if (!value) throw new Error(`no token for ${actorId}`);
  return value;
};
const METRICS_TOKEN = 'prometheus-scrapes-with-this';

beforeAll(async () => {
  stack = await startApiStack('operations-api-test', {
    rateLimitPerMinute: 5,
    calendar: { rateLimitPerMinute: 3 },
    metricsToken: METRICS_TOKEN,
  });
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

test('ready while Temporal answers; health needs no token and is not rate limited', async () => {
  expect(await call('GET', '/api/v1/ready')).toMatchObject({
    status: 200,
    body: { status: 'ready' },
  });
  for (let i = 0; i < 8; i++) {
    expect((await call('GET', '/api/v1/health')).status).toBe(200);
  }
});

test('the sixth request of a caller within a minute gets 429 with Retry-After; other callers go on', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    statuses.push((await call('GET', '/api/v1/processes', { token: token('tbo') })).status);
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  const limited = await call('GET', '/api/v1/processes', { token: token('tbo') });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('60');
  expect(limited.body).toMatchObject({
    code: 'rate_limited',
    details: { limitPerMinute: 5, retryAfterSeconds: 60 },
  });
  expect((await call('GET', '/api/v1/processes', { token: token('sbo') })).status).toBe(200);
});

test('made-up tokens share one bucket per address: 100 of them get 429 after the limit', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 100; i++) {
    const garbage = randomBytes(24).toString('hex');
    statuses.push((await call('GET', '/api/v1/processes', { token: garbage })).status);
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
  // Sending no token at all is the same caller; a valid token keeps its own bucket.
  expect((await call('GET', '/api/v1/processes')).status).toBe(429);
  expect((await call('GET', '/api/v1/processes', { token: token('ogb-rijk') })).status).toBe(200);
});

test('the calendar has its own, lower limit per caller', async () => {
  const calendar = (actorId: string) =>
    fetch(`${stack.baseUrl}/api/v1/deadlines/calendar.ics?token=${token(actorId)}`);
  const answers: Response[] = [];
  for (let i = 0; i < 4; i++) answers.push(await calendar('obo-kadaster'));
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
  const limited = answers[3];
  expect(limited?.headers.get('retry-after')).toBe('60');
  expect(await limited?.json()).toMatchObject({
    code: 'rate_limited',
    details: { limitPerMinute: 3 },
  });
  // Below the general limit (5) for this caller, but the calendar's is spent; others go on.
  expect((await call('GET', '/api/v1/processes', { token: token('obo-kadaster') })).status).toBe(
    200,
  );
  expect((await calendar('ogb-vng')).status).toBe(200);
});

test('a body over 100 kB is refused with 413 and a clear code, before anything else', async () => {
  const answer = await call('POST', '/api/v1/kinds/acceptance/processes/loket/events', {
    token: token('ogb-vng'),
    rawBody: JSON.stringify({ type: 'VERDICT', findings: 'x'.repeat(200_000) }),
  });
  expect(answer.status).toBe(413);
  expect(answer.body).toMatchObject({ code: 'body_too_large' });
});

test('/metrics counts requests by route pattern and status, never by raw id', async () => {
  await call('GET', '/api/v1/processes/acceptance:geen-run', { token: token('minister-bzk') });
  const answer = await fetch(`${stack.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(answer.status).toBe(200);
  const text = await answer.text();
  expect(text).toMatch(
    /dso_lv_http_requests_total\{method="GET",route="\/api\/v1\/processes",status="200"\} [1-9]/,
  );
  expect(text).toContain('route="/api/v1/processes/:id",status="404"');
  expect(text).not.toContain('geen-run');
  // Refused before routing (rate limit, 404 of unknown paths): counted as unmatched.
  expect(text).toContain('route="unmatched",status="429"');
  expect(text).toContain('dso_lv_process_resident_memory_bytes');
});

test('/metrics without its token → 401 problem, with an operator token too', async () => {
  const headerSets: Record<string, string>[] = [{}, { authorization: `Bearer ${token('tbo')}` }];
  for (const headers of headerSets) {
    const answer = await fetch(`${stack.baseUrl}/metrics`, { headers });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await answer.json()).toMatchObject({ code: 'unauthenticated' });
  }
});

test('not ready (503, with the reason) when Temporal does not answer', async () => {
  // A port nothing listens on: every call fails, as when the cluster is down.
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-ready-'));
  const app = createApp({
    processes: new ProcessService(new Client({ connection }), 'nowhere'),
    tokens: new TokenRegistry(createTokenFile(join(dir, 'tokens.json'))),
    logger: createLogger('silent'),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/api/v1/ready`);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ code: 'not_ready' });
    // Without METRICS_TOKEN, /metrics is not served at all.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await connection.close();
  }
});
