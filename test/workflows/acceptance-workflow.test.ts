/**
 * The acceptance workflow on the time-skipping test server, walked through 2019 in workflow time.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { assessments } from '../../machines/acceptance/assessments';
import type { Actor } from '../../machines/actors';
import { acceptance } from '../../workflows/acceptance';
import {
  EventRejection,
  eventUpdate,
  viewQuery,
  type HostInput,
  type ProcessView,
} from '../../workflows/contract';
import {
  adviceEvent,
  agreementEvent,
  agreementSignedEvent,
  fixCriteriaEvent,
  provisionallyAcceptEvent,
  repairEvent,
  resubmitEvent,
  transferEvent,
  verdictEvent,
} from '../helpers/acceptance-script';
import { searchAttributes } from '../../workflows/search-attributes';
import { actors } from '../helpers/actors';
import { recordHistory } from '../helpers/history-fixtures';
import {
  useTimeSkippingEnvironment,
  type WorkflowTestContext,
} from '../helpers/workflow-environment';

let t: WorkflowTestContext;

async function startRun(
  provision: string,
  extra: Partial<HostInput> = {},
): Promise<WorkflowHandle<typeof acceptance>> {
  return t.env.client.workflow.start(acceptance, {
    taskQueue: t.taskQueue,
    workflowId: `acceptance:${provision}`,
    args: [{ input: { provision }, startedBy: actors.programme, ...extra }],
  });
}

function send(
  handle: WorkflowHandle,
  event: { type: string } & Record<string, unknown>,
  actor: Actor,
) {
  // The update answers where the run stands; the tests read the whole view after it.
  return handle
    .executeUpdate(eventUpdate, { args: [{ event, actor }] })
    .then(() => handle.query(viewQuery));
}

async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ type: string | undefined; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return {
      type: (cause as ApplicationFailure).type ?? undefined,
      details: (cause as ApplicationFailure).details?.[0],
    };
  }
  throw new Error('the event was accepted');
}

const remindersFor = (provision: string, deadline = 'phase1') =>
  t.webhook.received
    .filter((r) => r.businessKey === provision && (r.deadline as { id: string }).id === deadline)
    .map((r) => r.scheduledFor);

async function fixCriteria(handle: WorkflowHandle): Promise<ProcessView> {
  await send(handle, adviceEvent, actors.tbo);
  return send(handle, fixCriteriaEvent, actors.ogb);
}

describe('missed deadline', () => {
  const context = useTimeSkippingEnvironment('2019-01-15T08:00:00Z', 'acceptance-missed');
  beforeAll(() => {
    t = context;
  });

  test('a run still in assessment on 1 July 2019 is reminded 30, 7 and 1 days before, then overdue', async () => {
    const handle = await startRun('loket');
    const started = await handle.query(viewQuery);
    expect(started.state).toEqual(['acceptance.phase1.criteria', 'agreement.open.preparing']);
    expect(started.deadlines[0]).toMatchObject({
      id: 'phase1',
      status: 'running',
      due: '2019-06-30T22:00:00.000Z',
    });
    expect(started.startedAt.startsWith('2019-01-15')).toBe(true);
    await fixCriteria(handle);

    await t.sleepUntil('2019-06-24T12:00:00Z');
    expect(remindersFor('loket')).toEqual(['2019-05-31T22:00:00.000Z', '2019-06-23T22:00:00.000Z']);
    expect((await handle.query(viewQuery)).overdue).toBe(false);

    await t.sleepUntil('2019-07-02T12:00:00Z');
    expect(remindersFor('loket')).toEqual([
      '2019-05-31T22:00:00.000Z',
      '2019-06-23T22:00:00.000Z',
      '2019-06-29T22:00:00.000Z',
    ]);
    const view = await handle.query(viewQuery);
    // Each reminder went out at its workflow time (give or take the activity's round trip).
    for (const reminder of view.deadlines[0]?.reminders ?? []) {
      expect(reminder.status).toBe('sent');
      expect(reminder.channels).toEqual([
        expect.objectContaining({ channel: 'webhook', status: 'delivered' }),
      ]);
      const late = Date.parse(reminder.sentAt ?? '') - Date.parse(reminder.scheduledFor);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(60_000);
    }
    expect(view.overdue).toBe(true);
    expect(view.deadlines[0]?.status).toBe('overdue');
    expect(view.state).toContain('acceptance.phase1.assessment');
    expect(view.summary).toMatch(/over de termijn/);
    const passed = view.history.find((entry) => entry.event.type === 'DEADLINE_PASSED');
    expect(passed).toMatchObject({ actor: { role: 'system' }, event: { deadline: 'phase1' } });
    expect(Date.parse(passed?.at ?? '') - Date.parse('2019-06-30T22:00:00Z')).toBeLessThan(60_000);
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(searchAttributes.overdue)).toBe(true);
    await recordHistory('acceptance-overdue-2', handle);
  });
});

describe('timely run', () => {
  const context = useTimeSkippingEnvironment('2019-01-15T08:00:00Z', 'acceptance-timely');
  beforeAll(() => {
    t = context;
  });

  test('a run provisionally accepted in time: rejection, repair, resubmission, acceptance, transfer', async () => {
    const handle = await startRun('orienteren');
    await fixCriteria(handle);
    await t.sleepUntil('2019-06-05T08:00:00Z');
    expect(remindersFor('orienteren')).toEqual(['2019-05-31T22:00:00.000Z']);

    await send(handle, verdictEvent('technicalFunctional', 'negative', 'Zoeken faalt'), actors.ogb);
    for (const a of assessments.slice(1)) await send(handle, verdictEvent(a), actors.ogb);
    let view: ProcessView | undefined;
    for (const a of assessments) view = await send(handle, verdictEvent(a), actors.tbo);
    if (!view) throw new Error('no verdicts sent');
    expect(view.state).toContain('acceptance.phase1.repair');
    expect(view.allowedEvents).toEqual([
      expect.objectContaining({ type: 'REPAIR_DELIVERED', role: 'developer' }),
      expect.objectContaining({ type: 'AGREEMENT_PREPARED', role: 'tbo' }),
    ]);
    await send(handle, repairEvent, actors.developer);
    view = await send(handle, resubmitEvent, actors.programme);
    const verdictOptions = view.allowedEvents.find(
      (e) => e.type === 'VERDICT' && e.role === 'ogb',
    )?.options;
    // Only the rejected assessment is open again; the other verdicts stand.
    expect(verdictOptions).toEqual([{ assessment: 'technicalFunctional', outcome: 'positive' }]);
    await send(handle, verdictEvent('technicalFunctional'), actors.ogb);
    view = await send(handle, verdictEvent('technicalFunctional'), actors.tbo);
    expect(view.state).toContain('acceptance.phase1.provisionalAcceptance');
    await send(handle, provisionallyAcceptEvent, actors.ogb);
    view = await send(handle, provisionallyAcceptEvent, actors.tbo);
    expect(view.state).toContain('acceptance.transfer');
    expect(view.deadlines[0]?.status).toBe('met');
    await send(handle, agreementEvent, actors.tbo);
    await send(handle, agreementSignedEvent, actors.tbo);
    view = await send(handle, transferEvent, actors.tbo);
    expect(view.state).toEqual(['acceptance.provisionalOperation', 'agreement.signed']);
    expect(view.tags).toEqual(['delivered', 'provisionallyAccepted']);

    await t.sleepUntil('2019-07-10T00:00:00Z');
    view = await handle.query(viewQuery);
    expect(remindersFor('orienteren')).toHaveLength(1);
    expect(view.overdue).toBe(false);
    expect(view.history.map((entry) => entry.event.type)).toEqual([
      'START',
      'CRITERIA_ADVICE',
      'FIX_CRITERIA',
      ...assessments.flatMap(() => ['VERDICT', 'VERDICT']),
      'REPAIR_DELIVERED',
      'RESUBMIT',
      'VERDICT',
      'VERDICT',
      'PROVISIONALLY_ACCEPT',
      'PROVISIONALLY_ACCEPT',
      'AGREEMENT_PREPARED',
      'AGREEMENT_SIGNED',
      'TRANSFER_COMPLETED',
    ]);
    expect(view.history.map((entry) => entry.seq)).toEqual(
      view.history.map((_, index) => index + 1),
    );
    await recordHistory('acceptance-timely-2', handle);
    expect(view.history[11]).toMatchObject({
      actor: actors.developer,
      event: { developmentCostCents: 1_250_000 },
      from: ['acceptance.phase1.repair', 'agreement.open.preparing'],
      to: ['acceptance.phase1.resubmission', 'agreement.open.preparing'],
    });
  });
});

describe('rules', () => {
  const context = useTimeSkippingEnvironment('2019-01-15T08:00:00Z', 'acceptance-rules');
  beforeAll(() => {
    t = context;
  });

  test('events the state, the role or the schema does not allow are refused with typed failures and leave no trace', async () => {
    const handle = await startRun('stelselcatalogus');
    const before = await handle.query(viewQuery);

    expect(await rejectionOf(send(handle, verdictEvent('readyForUse'), actors.ogb))).toMatchObject({
      type: EventRejection.notAllowedInState,
      details: { state: ['acceptance.phase1.criteria', 'agreement.open.preparing'] },
    });
    expect(await rejectionOf(send(handle, fixCriteriaEvent, actors.tbo))).toMatchObject({
      type: EventRejection.forbiddenRole,
      details: { allowedRoles: ['ogb'] },
    });
    expect(
      await rejectionOf(send(handle, { type: 'CRITERIA_ADVICE', advice: 42 }, actors.tbo)),
    ).toMatchObject({
      type: EventRejection.invalidEvent,
      details: { issues: [expect.objectContaining({ path: 'advice' })] },
    });
    expect(
      await rejectionOf(send(handle, { type: 'APPROVE_EVERYTHING' }, actors.ogb)),
    ).toMatchObject({
      type: EventRejection.invalidEvent,
      details: { field: 'type' },
    });

    const after = await handle.query(viewQuery);
    expect(after.history).toEqual(before.history);
    expect(after.state).toEqual(before.state);
  });

  test('a retried event with the same update id is applied once', async () => {
    const handle = await startRun('api-store');
    const first = await handle.executeUpdate(eventUpdate, {
      args: [{ event: adviceEvent, actor: actors.tbo }],
      updateId: 'advice-1',
    });
    const again = await handle.executeUpdate(eventUpdate, {
      args: [{ event: adviceEvent, actor: actors.tbo }],
      updateId: 'advice-1',
    });
    expect(again.seq).toBe(first.seq);
    expect((await handle.query(viewQuery)).history).toHaveLength(2);
  });

  test('a long run continues as new and carries its state, deadlines and history', async () => {
    const handle = await startRun('stelselknooppunt', { continueAsNewAfterEvents: 25 });
    const { runId: firstRun } = await handle.describe();
    await fixCriteria(handle);
    const verdictWithKey = () =>
      handle.executeUpdate(eventUpdate, {
        args: [{ event: verdictEvent('technicalFunctional'), actor: actors.ogb }],
        updateId: 'ogb-technical-1',
      });
    await verdictWithKey();
    for (const a of assessments.slice(1)) await send(handle, verdictEvent(a), actors.ogb);
    await t.env.sleep('1 hour');
    const latest = t.env.client.workflow.getHandle('acceptance:stelselknooppunt');
    const described = await latest.describe();
    expect(described.runId).not.toBe(firstRun);
    const view = await latest.query(viewQuery);
    expect(view.history).toHaveLength(7);
    expect(view.deadlines[0]?.status).toBe('running');
    expect(view.state).toContain('acceptance.phase1.assessment');
    // A request retried after the continue-as-new is still applied once.
    const retried = await latest.executeUpdate(eventUpdate, {
      args: [{ event: verdictEvent('technicalFunctional'), actor: actors.ogb }],
      updateId: 'ogb-technical-1',
    });
    expect(retried.seq).toBe(7);
    const after = await send(latest, verdictEvent('technicalFunctional'), actors.tbo);
    expect(after.history).toHaveLength(8);
    expect(after.startedAt).toBe(view.startedAt);
  });
});

describe('input', () => {
  const context = useTimeSkippingEnvironment('2019-01-15T08:00:00Z', 'acceptance-input');

  test('a phase-1 deadline given as a Dutch date is parsed inside the workflow too', async () => {
    const handle = await context.env.client.workflow.start(acceptance, {
      taskQueue: context.taskQueue,
      workflowId: 'acceptance:tpod',
      args: [
        { input: { provision: 'tpod', phase1Due: '2019-12-01' }, startedBy: actors.programme },
      ],
    });
    const view = await handle.query(viewQuery);
    expect(view.deadlines[0]?.due).toBe('2019-11-30T23:00:00.000Z');
  });
});
