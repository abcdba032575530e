/** Suspending, resuming and extending a deadline through the operator API, on the dev server. */
import type { DeadlineRecord, EventResult, ProcessView } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { kindProcessPath } from '../../server/process-paths';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('deadlines-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;
const run = 'acceptance:omgevingsloket';
/**
 * A deadline change through the API. Its answer is small (seq, state, status, allowedEvents,
 * nextDeadline); like the dashboard, the test reads the view after a change that succeeded.
 */
const adjust = async (
  actorId: string,
  action: string,
  body: unknown,
  options: { deadline?: string; key?: string; id?: string } = {},
) => {
  const answer = await call<EventResult & Answer>(
    'POST',
    `${kindProcessPath(options.id ?? run)}/deadlines/${options.deadline ?? 'phase1'}/${action}`,
    {
      token: token(actorId),
      body,
      ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
    },
  );
  if (answer.status !== 200) return answer;
  expect(answer.body.seq).toEqual(expect.any(Number));
  const view = await call<Answer>('GET', `/api/v1/processes/${options.id ?? run}`, {
    token: token(actorId),
  });
  return { ...answer, body: { ...view.body, seq: answer.body.seq } };
};
/** Visibility catches up with the run shortly after each change. */
async function listedNextDeadline(expected: string | null): Promise<string | null> {
  let seen: string | null = null;
  for (let attempt = 0; attempt < 100; attempt++) {
    const listed = await call<{ processes: { nextDeadline: string | null }[] }>(
      'GET',
      '/api/v1/processes?kind=acceptance&businessKey=omgevingsloket',
      { token: token('tbo') },
    );
    seen = listed.body.processes[0]?.nextDeadline ?? null;
    if (seen === expected) return seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return seen;
}
const phase1 = (view: ProcessView): DeadlineRecord | undefined =>
  view.deadlines.find((d) => d.id === 'phase1');

test('authorised operators suspend, resume and extend; everything else is refused and changes nothing', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'omgevingsloket', phase1Due: '2027-07-01', agreementDue: '2027-08-01' },
  });
  expect(started.status).toBe(201);
  expect(phase1(started.body)).toMatchObject({
    status: 'running',
    due: '2027-06-30T22:00:00.000Z',
  });

  const forbidden = await adjust('programma-dso', 'suspend', { reason: 'Even niet' });
  expect(forbidden.status).toBe(403);
  expect(forbidden.body).toMatchObject({
    code: 'forbidden',
    details: { allowedRoles: ['sbo', 'tbo'] },
  });
  const noReason = await adjust('sbo', 'suspend', {});
  expect(noReason.status).toBe(400);
  expect(noReason.body).toMatchObject({
    code: 'invalid_body',
    errors: [expect.objectContaining({ name: 'reason', in: 'body' })],
  });
  const both = await adjust('sbo', 'extend', { reason: 'r', until: '2027-09-01', days: 3 });
  expect(both.status).toBe(400);
  expect((await adjust('sbo', 'resume', { reason: 'r' })).status).toBe(409);
  const unknown = await adjust('sbo', 'suspend', { reason: 'r' }, { deadline: 'nope' });
  expect(unknown.status).toBe(404);
  expect(unknown.body.code).toBe('unknown_deadline');
  expect((await adjust('sbo', 'suspend', { reason: 'r' }, { deadline: 'x!' })).status).toBe(400);
  expect((await adjust('sbo', 'pause', { reason: 'r' })).status).toBe(404);
  expect((await adjust('sbo', 'suspend', { reason: 'r' }, { id: 'acceptance:nope' })).status).toBe(
    404,
  );
  const unchanged = await call<Answer>('GET', `/api/v1/processes/${run}`, { token: token('tbo') });
  expect(unchanged.body.history).toHaveLength(1);
  expect(unchanged.body.deadlines).toEqual(started.body.deadlines);

  const suspended = await adjust(
    'sbo',
    'suspend',
    { reason: 'Wacht op de minister' },
    { key: 'opschorten-1' },
  );
  expect(suspended.status).toBe(200);
  expect(phase1(suspended.body)?.status).toBe('suspended');
  // Suspended, phase 1 has no due date: the agreement's is the next one, in the listing too.
  expect(suspended.body.nextDeadline).toBe('2027-07-31T22:00:00.000Z');
  expect(await listedNextDeadline('2027-07-31T22:00:00.000Z')).toBe('2027-07-31T22:00:00.000Z');
  const retried = await adjust(
    'sbo',
    'suspend',
    { reason: 'Wacht op de minister' },
    { key: 'opschorten-1' },
  );
  expect(retried.status).toBe(200);
  expect(retried.body.history.filter((e) => e.event.type === 'DEADLINE_SUSPENDED')).toHaveLength(1);
  expect(retried.body.history.at(-1)).toMatchObject({
    actor: { id: 'sbo', role: 'sbo' },
    event: { type: 'DEADLINE_SUSPENDED', deadline: 'phase1', reason: 'Wacht op de minister' },
  });

  // The TBO assesses and accepts before phase 1 ends: it may not move it.
  const byTbo = await adjust('tbo', 'resume', { reason: 'Besluit genomen' });
  expect(byTbo.status).toBe(403);
  expect(byTbo.body).toMatchObject({
    type: 'urn:dso-lv:problem:bound-by-deadline',
    code: 'forbidden',
    details: {
      reason:
        'de TBO moet vóór deze termijn handelen en mag deze termijn niet wijzigen / ' +
        'the TBO must act before this deadline and may not change it',
    },
  });
  expect(byTbo.body.detail).toContain('the TBO must act before this deadline');
  const resumed = await adjust('sbo', 'resume', { reason: 'Besluit genomen' });
  expect(resumed.status).toBe(200);
  const record = phase1(resumed.body);
  const pause = record?.adjustments?.[1]?.suspendedMs ?? -1;
  expect(pause).toBeGreaterThanOrEqual(0);
  // A whole-day deadline moves by whole days: the suspended moments count as one day.
  const day = 24 * 60 * 60 * 1000;
  expect(record).toMatchObject({
    status: 'running',
    due: new Date(
      Date.parse('2027-06-30T22:00:00.000Z') + Math.ceil(pause / day) * day,
    ).toISOString(),
  });

  expect(await listedNextDeadline(record?.due ?? null)).toBe(record?.due);

  const extended = await adjust('sbo', 'extend', { reason: 'Uitloop', until: '2027-09-01' });
  expect(extended.status).toBe(200);
  expect(phase1(extended.body)?.due).toBe('2027-08-31T22:00:00.000Z');
  expect((await adjust('sbo', 'extend', { reason: 'Eerder', until: '2027-08-01' })).status).toBe(
    409,
  );
  // No date outside 2000–2199, and no more than 180 days past the original 1 July 2027.
  const farAway = await adjust('sbo', 'extend', { reason: 'Ver weg', until: '9999-12-30' });
  expect(farAway.status).toBe(400);
  expect(farAway.body.errors).toEqual([
    expect.objectContaining({
      name: 'until',
      detail: 'expected a date from 2000-01-01 to 2199-12-31',
    }),
  ]);
  const pastLimit = await adjust('sbo', 'extend', { reason: 'Te ver', until: '2028-06-01' });
  expect(pastLimit.status).toBe(400);
  expect(pastLimit.body).toMatchObject({
    type: 'urn:dso-lv:problem:limit-of-the-arrangement',
    details: {
      reason: expect.stringContaining(
        'at most 180 days after the original due moment (before 2027-07-01)',
      ) as string,
    },
  });
  expect(pastLimit.body.detail).toContain('lies past the latest permitted');
  expect(extended.body.history.map((e) => e.event.type)).toEqual([
    'START',
    'DEADLINE_SUSPENDED',
    'DEADLINE_RESUMED',
    'DEADLINE_EXTENDED',
  ]);
});

test('an obligation binds its owner: neither it nor the TBO may move the deadline, the BO may', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/obligation/processes', {
    token: token('sbo'),
    body: {
      obligationKey: 'evaluatie-test',
      title: 'Evaluatie beheerarrangement',
      source: 'Beheerarrangement §9',
      owner: { role: 'sbo' },
      recipient: { role: 'bo' },
      due: '2030-03-01',
    },
  });
  expect(started.status).toBe(201);
  const id = started.body.id;
  const extend = (actorId: string, body: Record<string, unknown>) =>
    adjust(actorId, 'extend', body, { id, deadline: 'due' });
  const byOwner = await extend('sbo', { reason: 'Meer tijd', days: 30 });
  expect(byOwner.status).toBe(403);
  expect(byOwner.body.details).toMatchObject({
    reason:
      'de SBO moet vóór deze termijn handelen en mag deze termijn niet wijzigen / ' +
      'the SBO must act before this deadline and may not change it',
  });
  const byTbo = await extend('tbo', { reason: 'Meer tijd', days: 30 });
  expect(byTbo.status).toBe(403);
  expect(byTbo.body.details).toMatchObject({ allowedRoles: ['sbo', 'bo'] });
  const byBo = await extend('bo-vng', { reason: 'Uitstel verleend', until: '2030-04-01' });
  expect(byBo.status).toBe(200);
  expect(byBo.body.deadlines.find((d) => d.id === 'due')).toMatchObject({
    due: '2030-03-31T22:00:00.000Z',
  });
  expect(
    byBo.body.history.filter((entry) => entry.event.type === 'DEADLINE_EXTENDED'),
  ).toHaveLength(1);
});
