/** The P&C cycle through the operator API, and the yearly Schedule on the dev server. */
import type { ProcessView } from '../../workflows/contract';
import { amsterdamDate } from '../../machines/dutch-time';
import {
  ensurePcCycleSchedule,
  PC_CYCLE_SCHEDULE_ID,
  yearMissedBy,
} from '../../server/pc-cycle-schedule';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('pc-cycle-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;
interface Contributions {
  totalCents: number;
  parties: { party: string; indexedCents: number; route: string }[];
  missingIndexYears: number[];
}

test('an operator sees this year’s cycle: what is due when, who must act, and what each government pays', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes', {
    token: token('sbo'),
    body: {
      year: 2031,
      indices: [{ year: 2031, wageIndexBp: 300, priceIndexBp: 200, wageWeightBp: 7000 }],
    },
  });
  expect(started.status).toBe(201);
  expect(started.body.id).toBe('pc-cycle:2031');
  expect(started.body.deadlines.map((d) => [d.id, d.due])).toEqual(
    expect.arrayContaining([
      ['spring', '2031-04-15T22:00:00.000Z'],
      ['autumn', '2031-10-15T22:00:00.000Z'],
    ]),
  );
  const who = started.body.allowedEvents.map((e) => `${e.type}:${e.role}`);
  expect(who).toEqual(
    expect.arrayContaining([
      'SUBMIT_DOCUMENT:sbo',
      'SUBMIT_DOCUMENT:tbo',
      'OBO_PLAN_SUBMITTED:obo',
    ]),
  );
  expect(who).not.toContain('ACCOUNTS_DISCUSSED:ogb');
  const contributions = started.body.context.contributions as { thisYear: Contributions };
  expect(contributions.thisYear.parties.map((p) => p.party)).toEqual(['rijk', 'ipo', 'vng', 'uvw']);
  expect(contributions.thisYear.missingIndexYears).toContain(2030);

  const wrongLevel = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes/2031/events', {
    token: token('tbo'),
    body: { type: 'SUBMIT_DOCUMENT', document: 'sboAccounts', summary: 'Jaarrekening' },
  });
  expect(wrongLevel.status).toBe(403);
  const unearmarked = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes/2031/events', {
    token: token('tbo'),
    body: { type: 'SUBMIT_DOCUMENT', document: 'tboPlan', summary: 'Plan' },
  });
  expect(unearmarked.status).toBe(400);
  expect(JSON.stringify(unearmarked.body)).toContain('tacticalCents');
  const submitted = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes/2031/events', {
    token: token('sbo'),
    body: { type: 'SUBMIT_DOCUMENT', document: 'sboAccounts', summary: 'Jaarrekening 2030' },
  });
  expect(submitted.status).toBe(200);
  expect(submitted.body.state).toContain('sboAccounts.submitted');
});

test('an OBO’s token submits its own organisation’s accounts only, and its inbox offers only those', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes', {
    token: token('sbo'),
    body: { year: 2032 },
  });
  expect(started.status).toBe(201);
  const events = '/api/v1/kinds/pc-cycle/processes/2032/events';
  const refused = await call<Answer>('POST', events, {
    token: token('obo-kadaster'),
    body: { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Geonovum' },
  });
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({
    type: 'urn:dso-lv:problem:wrong-party',
    code: 'forbidden',
    detail: expect.stringContaining(
      "alleen Geonovum zelf mag de jaarrekening van Geonovum indienen / only Geonovum may submit Geonovum's accounts",
    ) as unknown,
    details: { rule: 'wrong-party' },
  });
  const own = await call<Answer>('POST', events, {
    token: token('obo-kadaster'),
    body: { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' },
  });
  expect(own.status).toBe(200);

  // Visibility lags a moment: ask until the run is in Geonovum's inbox.
  type Inbox = {
    items: { id: string; allowedEvents: { type: string; organisation?: string }[] }[];
  };
  const inboxOf = async (actor: string, events: number) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await call<Inbox>('GET', '/api/v1/inbox', { token: token(actor) });
      const item = answer.body.items.find((i) => i.id === 'pc-cycle:2032');
      if (item?.allowedEvents.length === events || Date.now() > deadline) return item;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const geonovum = await inboxOf('obo-geonovum', 2);
  expect(geonovum?.allowedEvents.map((e) => [e.type, e.organisation])).toEqual([
    ['OBO_ACCOUNTS_SUBMITTED', 'geonovum'],
    ['OBO_PLAN_SUBMITTED', 'geonovum'],
  ]);
  const kadaster = await inboxOf('obo-kadaster', 1);
  expect(kadaster?.allowedEvents.map((e) => [e.type, e.organisation])).toEqual([
    ['OBO_PLAN_SUBMITTED', 'kadaster'],
  ]);
});

test('a cycle for a year outside 2020–2100 is refused with 400 naming the field', async () => {
  const refused = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes', {
    token: token('sbo'),
    body: { year: 2019 },
  });
  expect(refused.status).toBe(400);
  expect(JSON.stringify(refused.body)).toContain('year');
});

test('the yearly Schedule starts the cycle of the coming year, once', async () => {
  // Installed in June: the schedule's own 1 December start is still to come.
  const now = new Date('2040-06-01T10:00:00Z');
  expect(await ensurePcCycleSchedule(stack.client, 'elsewhere', { now })).toEqual({
    schedule: 'created',
  });
  // Started again on another task queue: the schedule follows it, and is otherwise left alone.
  expect(await ensurePcCycleSchedule(stack.client, 'pc-cycle-api-test', { now })).toEqual({
    schedule: 'updated',
  });
  expect(await ensurePcCycleSchedule(stack.client, 'pc-cycle-api-test', { now })).toEqual({
    schedule: 'exists',
  });
  const schedule = stack.client.schedule.getHandle(PC_CYCLE_SCHEDULE_ID);
  const described = await schedule.describe();
  expect(described.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'DECEMBER' }] });
  expect(described.action).toMatchObject({ taskQueue: 'pc-cycle-api-test' });
  await schedule.trigger();
  const year = Number(amsterdamDate(Date.now() + 60 * 86_400_000).slice(0, 4));
  let view: ProcessView | undefined;
  for (let attempt = 0; attempt < 100 && !view; attempt++) {
    const answer = await call<ProcessView>('GET', `/api/v1/processes/pc-cycle:${year}`, {
      token: token('sbo'),
    });
    if (answer.status === 200) view = answer.body;
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(view?.startedBy).toEqual({ id: 'schedule:pc-cycle-yearly', role: 'system' });
  expect(view?.businessKey).toBe(String(year));
  // A second start finds the year's cycle and leaves it alone.
  await schedule.trigger();
  const starts = async () => {
    const { info } = await schedule.describe();
    return info.recentActions.map((a) => a.action.workflow);
  };
  let ids = await starts();
  for (let attempt = 0; attempt < 100 && ids.length < 2; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    ids = await starts();
  }
  const results = await Promise.all(
    // Two triggers in one second share a workflow id: each run is read by its own run id.
    ids.map(
      ({ workflowId, firstExecutionRunId }) =>
        stack.client.workflow.getHandle(workflowId, firstExecutionRunId).result() as Promise<{
          started: boolean;
        }>,
    ),
  );
  expect(results.map((r) => r.started).sort()).toEqual([false, true]);
  await schedule.delete();
});

test('a first install after 1 December starts the coming year’s cycle itself, once', async () => {
  // "In het najaar wordt het strategisch beheerplan en de begroting voor het volgend jaar
  // vastgesteld" (§6.2): the 2041 cycle must run from December 2040, not from December 2041.
  expect(yearMissedBy(new Date('2040-12-01T04:59:00Z'))).toBeUndefined(); // 05:59 in Amsterdam
  expect(yearMissedBy(new Date('2040-12-01T05:00:00Z'))).toBe(2041);
  expect(yearMissedBy(new Date('2040-12-31T22:59:00Z'))).toBe(2041);
  expect(yearMissedBy(new Date('2040-12-31T23:00:00Z'))).toBeUndefined(); // New Year in Amsterdam
  expect(yearMissedBy(new Date('2040-11-30T12:00:00Z'))).toBeUndefined();

  const now = new Date('2040-12-05T10:00:00Z');
  const schedule = stack.client.schedule.getHandle(PC_CYCLE_SCHEDULE_ID);
  const coming = { year: 2041, workflowId: 'pc-cycle:2041' };
  expect(await ensurePcCycleSchedule(stack.client, 'pc-cycle-api-test', { now })).toEqual({
    schedule: 'created',
    comingCycle: { ...coming, started: true },
  });
  const view = await call<ProcessView>('GET', '/api/v1/processes/pc-cycle:2041', {
    token: token('sbo'),
  });
  expect(view.status).toBe(200);
  expect(view.body.startedBy).toEqual({ id: 'schedule:pc-cycle-yearly', role: 'system' });
  expect(view.body.businessKey).toBe('2041');
  // The product starts again: the schedule is there, nothing more starts.
  expect(await ensurePcCycleSchedule(stack.client, 'pc-cycle-api-test', { now })).toEqual({
    schedule: 'exists',
  });
  // Installed afresh (the schedule deleted): the year's cycle is found, not started twice.
  await schedule.delete();
  expect(await ensurePcCycleSchedule(stack.client, 'pc-cycle-api-test', { now })).toEqual({
    schedule: 'created',
    comingCycle: { ...coming, started: false },
  });
  await schedule.delete();
});

test('refusals name their rule: an organisation the cycle does not have (400, the field), a step before its earlier step (409), an obligation still in time (409)', async () => {
  // "Tevens wordt in deze cyclus de door de operationele beheerorganisatie opgestelde rekening en
  // verantwoording van het verstreken jaar met tactische beheerorganisatie besproken" (§6.5).
  const started = await call<Answer>('POST', '/api/v1/kinds/pc-cycle/processes', {
    token: token('sbo'),
    body: { year: 2033, operationalOrganisations: ['Geonovum'] },
  });
  expect(started.status).toBe(201);
  const events = '/api/v1/kinds/pc-cycle/processes/2033/events';
  const unknown = await call<Answer>('POST', events, {
    token: token('obo-kadaster'),
    body: { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' },
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body).toMatchObject({
    type: 'urn:dso-lv:problem:not-in-proposal',
    code: 'not_in_proposal',
    details: { rule: 'not-in-proposal', field: 'organisation' },
    errors: [
      {
        name: 'organisation',
        in: 'body',
        detail:
          'Kadaster is geen operationele beheerorganisatie van de P&C-cyclus 2033 (wel: Geonovum) / ' +
          'Kadaster is not an operational organisation of the 2033 P&C cycle (it has: Geonovum)',
      },
    ],
  });
  const early = await call<Answer>('POST', events, {
    token: token('tbo'),
    body: { type: 'OBO_BUDGET_FIXED', organisation: 'Geonovum', budgetCents: 1 },
  });
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({
    type: 'urn:dso-lv:problem:missing-earlier-step',
    code: 'missing_earlier_step',
    detail: expect.stringContaining(
      'Geonovum has not submitted its work plan and budget yet',
    ) as unknown,
  });

  // "Voor 1 juni 2019 een beheerprotocol opstelt" (§6.4): in time, it is the TBO's to deliver.
  const obligation = await call<Answer>('POST', '/api/v1/kinds/obligation/processes', {
    token: token('sbo'),
    body: {
      obligationKey: 'beheerprotocol-api',
      title: 'Beheerprotocol',
      source: 'Beheerarrangement §6.4',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2099-06-01',
    },
  });
  expect(obligation.status).toBe(201);
  const waived = await call<Answer>(
    'POST',
    '/api/v1/kinds/obligation/processes/beheerprotocol-api/events',
    { token: token('sbo'), body: { type: 'WAIVE', reason: 'Niet meer nodig' } },
  );
  expect(waived.status).toBe(409);
  expect(waived.body).toMatchObject({
    type: 'urn:dso-lv:problem:missing-earlier-step',
    details: {
      rule: 'missing-earlier-step',
      reason: expect.stringContaining(
        'the SBO waives it only once its due date has passed',
      ) as unknown,
    },
  });
});
