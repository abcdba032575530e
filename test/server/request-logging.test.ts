/**
 * The API's JSON log, read from the logger's own stream while the real stack (dev server, worker,
 * API) answers: a request id per request, echoed and logged, and the workflow acted on.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../server/logger';
import { adviceEvent, fixCriteriaEvent } from '../helpers/acceptance-script';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';

type Line = Record<string, unknown>;
const lines: Line[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const text of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(JSON.parse(text) as Line);
    }
    done();
  },
});

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('logging-test', { logger: createLogger('info', destination) });
  call = apiClient(stack);
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

/** The access line is written when the answer is sent, which may be just after it arrives. */
async function accessLine(requestId: string | null): Promise<Line> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const line = lines.find((l) => l.msg === 'request' && l.requestId === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no access line for ${String(requestId)}:\n${JSON.stringify(lines, null, 1)}`);
}

test('a sane X-Request-Id is echoed and names the access line, with actor and workflow', async () => {
  const started = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'logboek', phase1Due: '2031-07-01' },
    headers: { 'X-Request-Id': 'start-logboek-0001' },
  });
  expect(started.status).toBe(201);
  expect(started.headers.get('x-request-id')).toBe('start-logboek-0001');
  const line = await accessLine('start-logboek-0001');
  expect(line).toMatchObject({
    level: 'info',
    method: 'POST',
    route: '/api/v1/kinds/:kind/processes',
    status: 201,
    actorId: 'programma-dso',
    workflowId: 'acceptance:logboek',
  });
  expect(typeof line.durationMs).toBe('number');
  expect(typeof line.time).toBe('string');
});

test('an event and a view are logged with the workflow they act on', async () => {
  const event = await call('POST', '/api/v1/kinds/acceptance/processes/logboek/events', {
    token: token('tbo'),
    body: adviceEvent,
    headers: { 'X-Request-Id': 'advice-logboek-0002' },
  });
  expect(event.status).toBe(200);
  expect(await accessLine('advice-logboek-0002')).toMatchObject({
    method: 'POST',
    route: '/api/v1/kinds/:kind/processes/:key/events',
    status: 200,
    actorId: 'tbo',
    workflowId: 'acceptance:logboek',
  });

  const view = await call('GET', '/api/v1/processes/acceptance:logboek', {
    token: token('ogb-rijk'),
  });
  expect(view.status).toBe(200);
  expect(await accessLine(view.headers.get('x-request-id'))).toMatchObject({
    route: '/api/v1/processes/:id',
    status: 200,
    workflowId: 'acceptance:logboek',
  });
});

test('a refused request is logged with its error code; a bad id is never taken as a workflow', async () => {
  // Fixing the criteria is the OGB Beheer's, not the TBO's.
  const refused = await call('POST', '/api/v1/kinds/acceptance/processes/logboek/events', {
    token: token('tbo'),
    body: fixCriteriaEvent,
  });
  expect(refused.status).toBe(403);
  expect(await accessLine(refused.headers.get('x-request-id'))).toMatchObject({
    status: 403,
    error: 'forbidden',
    actorId: 'tbo',
    workflowId: 'acceptance:logboek',
  });

  const badId = await call('GET', `/api/v1/processes/${'x'.repeat(300)}`, { token: token('tbo') });
  expect(badId.status).toBe(400);
  const line = await accessLine(badId.headers.get('x-request-id'));
  expect(line).toMatchObject({ status: 400, error: 'invalid_id' });
  expect(line).not.toHaveProperty('workflowId');
});

test('an X-Request-Id that is not sane is replaced by a fresh UUID, not trusted', async () => {
  const given = ['has spaces and "quotes"', 'short', 'x'.repeat(129), '{"level":"fatal"}'];
  const seen = new Set<string>();
  for (const requestId of given) {
    const answer = await call('GET', '/api/v1/processes', {
      token: token('tbo'),
      headers: { 'X-Request-Id': requestId },
    });
    expect(answer.status).toBe(200);
    const echoed = answer.headers.get('x-request-id') ?? '';
    expect(echoed).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    seen.add(echoed);
    expect(await accessLine(echoed)).toMatchObject({ route: '/api/v1/processes', status: 200 });
  }
  expect(seen.size).toBe(given.length);
  for (const requestId of given) {
    expect(lines.some((line) => JSON.stringify(line).includes(requestId))).toBe(false);
  }
});

test('without an X-Request-Id every answer still gets one, and every line is JSON with a level', async () => {
  const health = await call('GET', '/api/v1/health');
  expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  // Probes log at debug only: this logger is at info.
  expect(lines.some((line) => line.requestId === health.headers.get('x-request-id'))).toBe(false);
  expect(lines.every((line) => typeof line.level === 'string' && 'msg' in line)).toBe(true);
});
