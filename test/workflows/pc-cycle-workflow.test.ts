/**
 * Two consecutive P&C cycles on the time-skipping test server: 2020 decided at its meetings, 2021
 * with the autumn decision on the strategic plan postponed to the next meeting; and 2022, where
 * each operational manager acts for its own organisation only.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Actor, Party } from '../../machines/actors';
import { eventsFor } from '../../server/inbox';
import { eventUpdate, viewQuery } from '../../workflows/contract';
import { searchAttributes } from '../../workflows/search-attributes';
import { boMember, ogbChair, ogbMember, sbo } from '../helpers/decision-actors';
import { recordHistory } from '../helpers/history-fixtures';
import { oboOf } from '../helpers/organisation-actors';
import { viewWhen } from '../helpers/view-waiting';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2020-01-06T08:00:00Z', 'pc-cycle');
const tbo: Actor = { id: 'tbo', role: 'tbo' };

type Event = { type: string } & Record<string, unknown>;
// The update answers where the run stands; the tests read the whole view after it.
const send = (handle: WorkflowHandle, event: Event, actor: Actor) =>
  handle
    .executeUpdate(eventUpdate, { args: [{ event, actor }] })
    .then(() => handle.query(viewQuery));
const agree = (handle: WorkflowHandle, party: Party) =>
  send(handle, { type: 'POSITION', position: 'agree' }, ogbMember(party));

const submit = (document: string, extra: Record<string, unknown> = {}) => ({
  type: 'SUBMIT_DOCUMENT',
  document,
  summary: document,
  ...extra,
});

async function spring(handle: WorkflowHandle): Promise<void> {
  await send(handle, submit('sboAccounts'), sbo);
  await send(handle, submit('tboAccounts'), tbo);
  for (const document of ['sboAccounts', 'tboAccounts']) {
    await send(handle, { type: 'ACCOUNTS_DISCUSSED', document }, ogbMember('ipo'));
  }
  for (const organisation of ['Kadaster', 'Geonovum']) {
    await send(handle, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation }, oboOf(organisation));
    await send(handle, { type: 'OBO_ACCOUNTS_DISCUSSED', organisation }, tbo);
  }
}

async function oboPlans(handle: WorkflowHandle): Promise<void> {
  for (const organisation of ['Kadaster', 'Geonovum']) {
    const plan = { organisation, summary: 'Werkplan', budgetCents: 500_000_000 };
    await send(handle, { type: 'OBO_PLAN_SUBMITTED', ...plan }, oboOf(organisation));
    await send(handle, { type: 'OBO_BUDGET_FIXED', organisation, budgetCents: 480_000_000 }, tbo);
  }
}

async function startCycle(year: number, extra: Record<string, unknown> = {}) {
  return t.env.client.workflow.start('pc-cycle', {
    taskQueue: t.taskQueue,
    workflowId: `pc-cycle:${year}`,
    args: [
      {
        input: { year, operationalOrganisations: ['Kadaster', 'Geonovum'], ...extra },
        startedBy: sbo,
      },
    ],
  });
}

test('2020: spring accounts, autumn plans by consensus at their meetings, progress twice; reminders and the contributions', async () => {
  const handle = await startCycle(2020, {
    indices: [{ year: 2020, wageIndexBp: 250, priceIndexBp: 150, wageWeightBp: 8000 }],
  });
  let view = await handle.query(viewQuery);
  // By the end of the first meeting from 1 April: 15 May (every two months until the Act).
  expect(view.deadlines.find((d) => d.id === 'spring')?.due).toBe('2020-05-15T22:00:00.000Z');
  expect(view.context.contributions).toMatchObject({
    thisYear: { totalCents: 2_649_570_000, missingIndexYears: [] },
  });
  await t.sleepUntil('2020-05-10T08:00:00Z');
  // Reminded 30 and 7 days before the spring meeting, while nothing was discussed.
  expect(
    t.webhook.received
      .filter((r) => r.businessKey === '2020' && (r.deadline as { id: string }).id === 'spring')
      .map((r) => r.scheduledFor),
  ).toEqual(['2020-04-15T22:00:00.000Z', '2020-05-08T22:00:00.000Z']);
  await spring(handle);
  await send(handle, { type: 'BO_ACCOUNTABILITY_DISCUSSED' }, boMember('vng'));
  await send(handle, { type: 'PROGRESS_DISCUSSED', note: 'Voorjaar' }, ogbMember('rijk'));

  await t.sleepUntil('2020-09-01T08:00:00Z');
  await send(handle, submit('strategicPlan'), sbo);
  await send(
    handle,
    submit('tboPlan', { tacticalCents: 400_000_000, operationalCents: 2_100_000_000 }),
    tbo,
  );
  const strategic = t.env.client.workflow.getHandle('decision:pc-2020-strategisch-plan-1');
  const tactical = t.env.client.workflow.getHandle('decision:pc-2020-tactisch-plan-1');
  for (const decision of [strategic, tactical]) {
    const opened = await viewWhen(decision, () => true, 'the decision');
    // Submitted on 1 September: "In het najaar wordt het strategisch beheerplan en de begroting
    // voor het volgend jaar vastgesteld" (§6.2): at the first meeting from 1 October, 15 November
    // (every two months until the Act), not at the next one, 15 September.
    expect(opened.context).toMatchObject({ meetingDate: '2020-11-14T23:00:00.000Z' });
    for (const party of ['rijk', 'vng', 'ipo', 'uvw'] as const) await agree(decision, party);
  }
  view = await viewWhen(handle, (v) => v.state.includes('tboPlan.sboAdoption'), 'SBO adoption');
  expect(view.state).toContain('strategicPlan.adopted');
  await send(handle, { type: 'TBO_PLAN_ADOPTED', note: '' }, sbo);
  await oboPlans(handle);
  view = await send(handle, { type: 'PROGRESS_DISCUSSED', note: 'Najaar' }, ogbMember('rijk'));
  expect(view.status).toBe('completed');
  expect(view.overdue).toBe(false);
  expect(view.context.tboBudget).toEqual({
    tacticalCents: 400_000_000,
    operationalCents: 2_100_000_000,
  });
  await recordHistory('pc-cycle-2020', handle);
}, 120_000);

test('2021: the strategic plan’s decision is postponed to the next meeting; no consensus on the TBO plan goes up the escalation ladder, whose BO round upholds it', async () => {
  const handle = await startCycle(2021);
  await t.sleepUntil('2021-03-01T08:00:00Z');
  await spring(handle);
  await send(handle, { type: 'BO_ACCOUNTABILITY_DISCUSSED' }, boMember('vng'));
  await send(handle, { type: 'PROGRESS_DISCUSSED' }, ogbMember('rijk'));

  await t.sleepUntil('2021-09-20T08:00:00Z');
  await send(handle, submit('strategicPlan'), sbo);
  const decision = t.env.client.workflow.getHandle('decision:pc-2021-strategisch-plan-1');
  // After the Act: quarterly meetings; the next is 15 October.
  const opened = await viewWhen(decision, () => true, 'the decision');
  expect(opened.context).toMatchObject({ meetingDate: '2021-10-14T22:00:00.000Z' });
  await agree(decision, 'rijk');
  await agree(decision, 'vng');
  await t.sleepUntil('2021-10-15T10:00:00Z');
  await send(decision, { type: 'CLOSE_MEETING', note: 'IPO en UvW afwezig' }, ogbChair);
  let view = await handle.query(viewQuery);
  expect(view.state).toContain('strategicPlan.ogbDecision');
  await t.sleepUntil('2021-11-05T10:00:00Z');
  await send(decision, { type: 'OPEN_SECOND_MEETING' }, ogbChair);
  await agree(decision, 'rijk');
  await agree(decision, 'ipo');
  await send(decision, { type: 'CLOSE_MEETING' }, ogbChair);
  view = await viewWhen(handle, (v) => v.state.includes('strategicPlan.adopted'), 'adoption');
  const strategic = (view.context.documents as Record<string, { decisions: unknown[] }>)
    .strategicPlan;
  expect(strategic?.decisions).toEqual([
    expect.objectContaining({ outcome: 'adopted', postponed: true }),
  ]);
  // No consensus on the TBO's plan: the dispute goes up the escalation ladder by itself.
  await send(handle, submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }), tbo);
  const tactical = t.env.client.workflow.getHandle('decision:pc-2021-tactisch-plan-1');
  await viewWhen(tactical, () => true, 'the decision on the TBO plan');
  await agree(tactical, 'rijk');
  await send(tactical, { type: 'POSITION', position: 'object', note: 'Te duur' }, ogbMember('uvw'));
  view = await viewWhen(handle, (v) => v.state.includes('tboPlan.escalated'), 'the escalation');
  expect(view.tags).toContain('escalated');
  const escalation = t.env.client.workflow.getHandle('escalation:pc-2021-tactisch-plan-1');
  const dispute = await viewWhen(escalation, (v) => v.state.includes('bo'), 'the BO rung');
  expect(dispute.context).toMatchObject({ origin: 'ogb-consensus' });
  // The BO's first consultation round reaches consensus on the plan: it stands.
  const round = t.env.client.workflow.getHandle('decision:pc-2021-tactisch-plan-1-bo-1');
  await viewWhen(round, () => true, 'the BO round');
  for (const party of ['rijk', 'vng', 'ipo', 'uvw'] as const) {
    await send(round, { type: 'POSITION', position: 'agree' }, boMember(party));
  }
  view = await viewWhen(handle, (v) => v.state.includes('tboPlan.sboAdoption'), 'SBO adoption');

  // The autumn meeting has passed with the plan still undecided: the cycle is overdue.
  expect(view.deadlines.find((d) => d.id === 'autumn')?.status).toBe('overdue');
  expect(view.summary).toMatch(/over de termijn: autumn/);
}, 120_000);

test('2022: Kadaster’s token cannot submit Geonovum’s accounts, and is offered only Kadaster’s', async () => {
  const handle = await startCycle(2022, { operationalOrganisations: ['Kadaster', 'Geonovum'] });
  const kadaster = oboOf('Kadaster');
  const refused = await send(
    handle,
    { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Geonovum' },
    kadaster,
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
    type: 'ForbiddenActor',
    message:
      'obo-kadaster may not send OBO_ACCOUNTS_SUBMITTED: alleen Geonovum zelf mag de jaarrekening ' +
      "van Geonovum indienen / only Geonovum may submit Geonovum's accounts",
    details: [
      {
        rule: 'wrong-party',
        reason:
          'alleen Geonovum zelf mag de jaarrekening van Geonovum indienen / ' +
          "only Geonovum may submit Geonovum's accounts",
      },
    ],
  });
  // A role that does not send it at all is refused for its role.
  await expect(
    send(handle, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' }, tbo),
  ).rejects.toMatchObject({
    cause: { type: 'ForbiddenRole', details: [{ rule: 'wrong-role', allowedRoles: ['obo'] }] },
  });
  let view = await handle.query(viewQuery);
  expect(view.history.map((entry) => entry.event.type)).toEqual(['START']);

  // What Kadaster's token is offered: its own accounts and plan, nothing of Geonovum's.
  const offered = eventsFor(view, kadaster);
  expect(offered.map((e) => [e.type, e.organisation, e.options])).toEqual([
    ['OBO_ACCOUNTS_SUBMITTED', 'kadaster', [{ organisation: 'Kadaster', note: '' }]],
    [
      'OBO_PLAN_SUBMITTED',
      'kadaster',
      [{ organisation: 'Kadaster', summary: 'werkplan', budgetCents: 0 }],
    ],
  ]);
  expect(eventsFor(view, oboOf('Geonovum')).map((e) => e.organisation)).toEqual([
    'geonovum',
    'geonovum',
  ]);
  const waiting = (await handle.describe()).typedSearchAttributes.get(searchAttributes.waitingOn);
  expect(waiting).toEqual(expect.arrayContaining(['obo:geonovum', 'obo:kadaster']));
  expect(waiting).not.toContain('obo');

  // Its own accounts go through; then only Geonovum still waits on that.
  view = await send(handle, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' }, kadaster);
  expect(view.history.at(-1)).toMatchObject({
    actor: { id: 'obo-kadaster', organisation: 'kadaster' },
    event: { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' },
  });
  expect(eventsFor(view, kadaster).map((e) => e.type)).toEqual(['OBO_PLAN_SUBMITTED']);
  await send(
    handle,
    { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Geonovum' },
    oboOf('Geonovum'),
  );
  await recordHistory('pc-cycle-organisations', handle);
}, 60_000);

test('2030, run ahead of its year: both plans submitted in 2021 are decided in the autumn of 2030, at the cycle’s own meeting', async () => {
  // "In het najaar wordt het strategisch beheerplan en de begroting voor het volgend jaar
  // vastgesteld" (§6.2): the OGB Beheer's meeting of October 2030, not the next one in real time.
  const handle = await startCycle(2030);
  await send(handle, submit('strategicPlan'), sbo);
  await send(handle, submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }), tbo);
  for (const plan of ['strategisch-plan', 'tactisch-plan']) {
    const decision = t.env.client.workflow.getHandle(`decision:pc-2030-${plan}-1`);
    const opened = await viewWhen(decision, () => true, `the decision on the ${plan}`);
    expect(opened.context).toMatchObject({ meetingDate: '2030-10-14T22:00:00.000Z' });
    expect(opened.deadlines.find((d) => d.id === 'meeting')?.due).toBe('2030-10-15T22:00:00.000Z');
  }
  await recordHistory('pc-cycle-autumn-meeting', handle);
}, 60_000);
