/**
 * The operator API against the real embedded dev server: the happy path to provisional acceptance
 * and every error status the API promises.
 */
import { assessments } from '../../machines/acceptance/assessments';
import type { EventResult, ProcessView } from '../../workflows/contract';
import {
  adviceEvent,
  fixCriteriaEvent,
  provisionallyAcceptEvent,
  transferEvent,
  verdictEvent,
} from '../helpers/acceptance-script';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { kindProcessPath } from '../../server/process-paths';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
let token: (actorId: string) => string;

beforeAll(async () => {
  stack = await startApiStack('api-test');
  call = apiClient(stack);
  token = (actorId) => {
    const value = stack.tokens[actorId];
    if (!value) throw new Error(`no token for ${actorId}`);
    return value;
  };
});

afterAll(async () => {
  await stack.stop();
});

const start = (provision: string, headers: Record<string, string> = {}) =>
  call<ProcessView & { error?: string }>('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision, phase1Due: '2030-07-01', agreementDue: '2030-07-01' },
    headers,
  });

const send = (id: string, actorId: string, event: unknown, headers: Record<string, string> = {}) =>
  call<EventResult & ProblemAnswer>('POST', `${kindProcessPath(id)}/events`, {
    token: token(actorId),
    body: event,
    headers,
  });

/** Visibility is eventually consistent: poll the list until it shows what is expected. */
async function listUntil(query: string, expected: (ids: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await call<{ processes: { id: string }[] }>(
      'GET',
      `/api/v1/processes?${query}`,
      {
        token: token('tbo'),
      },
    );
    expect(response.status).toBe(200);
    const ids = response.body.processes.map((p) => p.id);
    if (expected(ids) || Date.now() > deadline) return ids;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('health answers without a token', async () => {
  expect((await call('GET', '/api/v1/health')).body).toEqual({ status: 'ok' });
});

test('an operator drives a provision to provisional acceptance', async () => {
  const started = await start('loket');
  expect(started.status).toBe(201);
  expect(started.headers.get('location')).toBe('/api/v1/processes/acceptance%3Aloket');
  expect(started.body).toMatchObject({
    id: 'acceptance:loket',
    kind: 'acceptance',
    businessKey: 'loket',
    state: ['acceptance.phase1.criteria', 'agreement.open.preparing'],
    startedBy: { id: 'programma-dso', role: 'programme' },
    overdue: false,
    nextDeadline: '2030-06-30T22:00:00.000Z',
  });

  expect((await send('acceptance:loket', 'tbo', adviceEvent)).status).toBe(200);
  expect((await send('acceptance:loket', 'ogb-vng', fixCriteriaEvent)).status).toBe(200);
  for (const a of assessments) {
    expect((await send('acceptance:loket', 'ogb-ipo', verdictEvent(a))).status).toBe(200);
    expect((await send('acceptance:loket', 'tbo', verdictEvent(a))).status).toBe(200);
  }
  await send('acceptance:loket', 'ogb-rijk', provisionallyAcceptEvent);
  const accepted = await send('acceptance:loket', 'tbo', provisionallyAcceptEvent);
  expect(accepted.body.state).toContain('acceptance.transfer');
  const transferred = await send('acceptance:loket', 'tbo', transferEvent);
  expect(transferred.status).toBe(200);
  expect(transferred.body.state).toContain('acceptance.provisionalOperation');
  // The answer is small; the view tells the rest.
  expect(transferred.body.seq).toBeGreaterThan(1);

  const view = await call<ProcessView>('GET', '/api/v1/processes/acceptance:loket', {
    token: token('sbo'),
  });
  expect(view.status).toBe(200);
  expect(view.body.deadlines[0]?.status).toBe('met');
  expect(view.body.history.at(-1)).toMatchObject({
    actor: { id: 'tbo', role: 'tbo' },
    event: { type: 'TRANSFER_COMPLETED', operationalManager: 'Kadaster' },
  });
});

test('the audit trail pages through GET …/history; the view carries the newest and the count', async () => {
  const path = '/api/v1/processes/acceptance:loket/history';
  const view = await call<ProcessView>('GET', '/api/v1/processes/acceptance:loket', {
    token: token('sbo'),
  });
  const total = view.body.historyCount;
  expect(total).toBeGreaterThan(3);
  expect(view.body.history.at(-1)?.seq).toBe(total);
  type Page = { entries: { seq: number }[]; total: number; nextAfter: number | null };
  const first = await call<Page>('GET', `${path}?pageSize=2`, { token: token('sbo') });
  expect(first.status).toBe(200);
  expect(first.body.entries.map((entry) => entry.seq)).toEqual([1, 2]);
  expect(first.body).toMatchObject({ total, nextAfter: 2 });
  const last = await call<Page>('GET', `${path}?after=${total - 1}&pageSize=5`, {
    token: token('sbo'),
  });
  expect(last.body.entries.map((entry) => entry.seq)).toEqual([total]);
  expect(last.body.nextAfter).toBeNull();
  expect((await call('GET', `${path}?pageSize=501`, { token: token('sbo') })).status).toBe(400);
  expect((await call('GET', `${path}?limit=5`, { token: token('sbo') })).status).toBe(400);
});

test('no token or an unknown token → 401', async () => {
  const none = await call('GET', '/api/v1/processes');
  expect(none.status).toBe(401);
  expect(none.body).toMatchObject({ code: 'unauthenticated' });
  expect(
    (await call('GET', '/api/v1/processes', { token: 'not-a-real-token-at-all' })).status,
  ).toBe(401);
});

test('starting: a second start → 409, a retried start with its Idempotency-Key → the same run', async () => {
  const first = await start('orienteren', { 'Idempotency-Key': 'start-orienteren-1' });
  expect(first.status).toBe(201);
  const retried = await start('orienteren', { 'Idempotency-Key': 'start-orienteren-1' });
  expect(retried.status).toBe(200);
  expect(retried.body.startedAt).toBe(first.body.startedAt);
  const second = await start('orienteren');
  expect(second.status).toBe(409);
  expect(second.body).toMatchObject({
    code: 'already_started',
    details: { id: 'acceptance:orienteren' },
  });
});

test('starting: a bad body → 400 naming the field, an unknown kind → 404, a role that may not start → 403', async () => {
  const bad = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'Loket Nu!', phase1Due: 'morgen' },
  });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ code: 'invalid_body' });
  const paths = (bad.body.errors as { name: string }[]).map((i) => i.name);
  expect(paths).toEqual(expect.arrayContaining(['provision', 'phase1Due']));

  const outOfOrder = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'stam', phase1Due: '2030-07-01', phase2Due: '2030-01-01' },
  });
  expect(outOfOrder.status).toBe(400);
  expect((outOfOrder.body.errors as { name: string }[]).map((i) => i.name)).toEqual(['phase2Due']);

  const unknown = await call('POST', '/api/v1/kinds/tovenarij/processes', {
    token: token('programma-dso'),
    body: {},
  });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ code: 'unknown_kind' });

  const forbidden = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('tbo'),
    body: { provision: 'tpod' },
  });
  expect(forbidden.status).toBe(403);
  expect(forbidden.body).toMatchObject({
    code: 'forbidden',
    details: { allowedRoles: ['programme'] },
  });
});

test('events: wrong role → 403, wrong state → 409, bad payload → 400, bad JSON → 400; none changes the run', async () => {
  await start('stelselcatalogus');
  const id = 'acceptance:stelselcatalogus';
  const before = await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('tbo') });

  const wrongRole = await send(id, 'ontwikkelpartij', adviceEvent);
  expect(wrongRole.status).toBe(403);
  expect(wrongRole.body).toMatchObject({ code: 'forbidden', details: { allowedRoles: ['tbo'] } });

  const wrongState = await send(id, 'ogb-rijk', verdictEvent('readyForUse'));
  expect(wrongState.status).toBe(409);
  // The state refuses it, and names the step that is missing: the criteria.
  expect(wrongState.body).toMatchObject({
    type: 'urn:dso-lv:problem:missing-earlier-step',
    code: 'missing_earlier_step',
  });
  expect(wrongState.body.detail).toMatch(/VERDICT is not allowed now/);

  // "Voor elke beoordeling worden vooraf beoordelingscriteria vastgesteld door het Opdrachtgevend
  // beraad (Beheer) DSO-LV, in samenspraak met de tactische beheerorganisatie" (§6.4).
  const noAdvice = await send(id, 'ogb-rijk', fixCriteriaEvent);
  expect(noAdvice.status).toBe(409);
  expect(noAdvice.body).toMatchObject({
    type: 'urn:dso-lv:problem:missing-earlier-step',
    details: {
      rule: 'missing-earlier-step',
      reason:
        "eerst het advies van de TBO over de criteria / first the TBO's advice on the criteria",
    },
  });

  const badPayload = await send(id, 'ogb-rijk', {
    type: 'VERDICT',
    assessment: 'mood',
    outcome: 'meh',
  });
  expect(badPayload.status).toBe(400);
  expect(badPayload.body.code).toBe('invalid_event');
  expect((badPayload.body.errors as { name: string }[]).map((i) => i.name).sort()).toEqual([
    'assessment',
    'outcome',
  ]);

  const noType = await send(id, 'tbo', { advice: 'x' });
  expect(noType.status).toBe(400);
  expect(noType.body.code).toBe('invalid_body');

  const badJson = await call('POST', `${kindProcessPath(id)}/events`, {
    token: token('tbo'),
    rawBody: '{"type":',
  });
  expect(badJson.status).toBe(400);
  expect(badJson.body.code).toBe('invalid_json');

  const after = await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('tbo') });
  expect(after.body.history).toEqual(before.body.history);
});

test('an unknown process → 404, a malformed id → 400', async () => {
  const missing = await call('GET', '/api/v1/processes/acceptance:bestaat-niet', {
    token: token('tbo'),
  });
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ code: 'not_found' });
  expect((await send('acceptance:bestaat-niet', 'tbo', adviceEvent)).status).toBe(404);
  const malformed = await call('GET', '/api/v1/processes/DROP%20TABLE', { token: token('tbo') });
  expect(malformed.status).toBe(400);
  expect(malformed.body).toMatchObject({ code: 'invalid_id' });
});

test('a retried event with the same Idempotency-Key is applied once', async () => {
  await start('api-store');
  const id = 'acceptance:api-store';
  const first = await send(id, 'tbo', adviceEvent, { 'Idempotency-Key': 'advice-api-store-1' });
  const retried = await send(id, 'tbo', adviceEvent, { 'Idempotency-Key': 'advice-api-store-1' });
  expect(first.status).toBe(200);
  expect(retried.status).toBe(200);
  const view = await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('tbo') });
  expect(view.body.history.filter((entry) => entry.event.type === 'CRITERIA_ADVICE')).toHaveLength(
    1,
  );
  const badKey = await send(id, 'tbo', adviceEvent, { 'Idempotency-Key': 'spaties mogen niet' });
  expect(badKey.status).toBe(400);
  expect(badKey.body.code).toBe('invalid_header');
});

test('listing filters by kind, state, business key and overdue through visibility', async () => {
  const late = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'sttr', phase1Due: '2019-07-01' },
  });
  expect(late.status).toBe(201);
  expect(await listUntil('overdue=true', (ids) => ids.includes('acceptance:sttr'))).toEqual([
    'acceptance:sttr',
  ]);
  expect(await listUntil('kind=acceptance&businessKey=sttr', (ids) => ids.length === 1)).toEqual([
    'acceptance:sttr',
  ]);
  const inCriteria = await listUntil('state=acceptance.phase1.criteria', (ids) =>
    ids.includes('acceptance:sttr'),
  );
  expect(inCriteria).toContain('acceptance:sttr');
  expect(inCriteria).not.toContain('acceptance:loket');
  const bad = await call('GET', '/api/v1/processes?overdue=maybe&colour=red', {
    token: token('tbo'),
  });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ code: 'invalid_query' });
});
