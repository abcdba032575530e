/**
 * Suspending, resuming and extending a deadline on the time-skipping server: an escalation whose
 * OGB time box counts working days (so the holiday library runs inside the workflow sandbox).
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../machines/actors';
import { calendarDaysBefore } from '../../machines/dutch-time';
import { addDays } from '../../machines/working-days';
import {
  deadlineUpdate,
  viewQuery,
  type DeadlineRecord,
  type DeadlineRequest,
  type ProcessView,
} from '../../workflows/contract';
import { ogbMember, sbo } from '../helpers/decision-actors';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

// Friday 20 December 2024, 10:00 Amsterdam time.
const t = useTimeSkippingEnvironment('2024-12-20T09:00:00Z', 'deadline-adjustment-test');
const tbo: Actor = { id: 'tbo', role: 'tbo' };

const change = (
  handle: WorkflowHandle,
  actor: Actor,
  change: DeadlineRequest['change'],
  updateId?: string,
): Promise<ProcessView> =>
  handle
    .executeUpdate(deadlineUpdate, {
      args: [{ deadlineId: 'ogb', change, actor }],
      ...(updateId ? { updateId } : {}),
    })
    .then(() => handle.query(viewQuery));
const ogbOf = (view: ProcessView): DeadlineRecord => {
  const record = view.deadlines.find((d) => d.id === 'ogb');
  if (!record) throw new Error('no ogb deadline');
  return record;
};
const remindersFor = (processId: string) =>
  t.webhook.received.filter((notice) => notice.processId === processId);

test('a suspended deadline does not pass; resuming moves it by the suspended time; extending moves it again', async () => {
  const handle = await t.env.client.workflow.start('escalation', {
    taskQueue: t.taskQueue,
    workflowId: 'escalation:termijn-opgeschort',
    args: [
      {
        input: {
          disputeKey: 'termijn-opgeschort',
          subject: 'Kosten koppeling',
          description: 'Wie betaalt de koppeling?',
          origin: 'within-ogb',
          timeBoxDays: { ogb: 5 },
          timeBoxUnit: 'working',
        },
        startedBy: ogbMember('vng'),
      },
    ],
  });
  let view = await handle.query(viewQuery);
  // 23, 24, (Kerstdagen), 27, 30, 31 December: computed inside the workflow sandbox.
  const firstDue = addDays(view.startedAt, 5, 'working');
  expect(firstDue.slice(0, 10)).toBe('2024-12-31');
  expect(ogbOf(view)).toMatchObject({ status: 'running', due: firstDue });
  const untouched = JSON.stringify(view.deadlines);

  // Refused requests change nothing and leave no trace.
  await expect(
    change(handle, ogbMember('ipo'), { action: 'suspend', reason: 'r' }),
  ).rejects.toMatchObject({
    cause: { type: 'ForbiddenRole' },
  });
  await expect(change(handle, sbo, { action: 'suspend', reason: '' })).rejects.toMatchObject({
    cause: { type: 'InvalidEvent' },
  });
  await expect(change(handle, sbo, { action: 'resume', reason: 'r' })).rejects.toMatchObject({
    cause: { type: 'NotAllowedInState' },
  });
  await expect(
    handle.executeUpdate(deadlineUpdate, {
      args: [{ deadlineId: 'court', change: { action: 'suspend', reason: 'r' }, actor: sbo }],
    }),
  ).rejects.toMatchObject({ cause: { type: 'UnknownDeadline' } });
  view = await handle.query(viewQuery);
  expect(JSON.stringify(view.deadlines)).toBe(untouched);
  expect(view.history).toHaveLength(1);

  await t.sleepUntil('2024-12-23T09:00:00Z');
  await change(
    handle,
    sbo,
    { action: 'suspend', reason: 'Partijen wachten op een advies' },
    'suspend-1',
  );
  // Retried with the same update id: applied once.
  view = await change(
    handle,
    sbo,
    { action: 'suspend', reason: 'Partijen wachten op een advies' },
    'suspend-1',
  );
  expect(ogbOf(view).status).toBe('suspended');
  expect(view.nextDeadline).toBeNull();
  expect(view.history.map((entry) => entry.event.type)).toEqual(['START', 'DEADLINE_SUSPENDED']);

  // Far past the old due date and both reminders: nothing is sent, nothing passes.
  await t.sleepUntil('2025-01-10T09:00:00Z');
  view = await handle.query(viewQuery);
  expect(ogbOf(view).status).toBe('suspended');
  expect(view.overdue).toBe(false);
  expect(remindersFor(handle.workflowId)).toEqual([]);

  view = await change(handle, tbo, { action: 'resume', reason: 'Advies ontvangen' });
  const [suspended, resumed] = ogbOf(view).adjustments ?? [];
  expect(suspended).toMatchObject({
    action: 'suspend',
    by: sbo,
    dueAfter: firstDue,
  });
  if (!suspended || !resumed) throw new Error('adjustments missing');
  const pause = Date.parse(resumed.at) - Date.parse(suspended.at);
  expect(resumed).toMatchObject({
    action: 'resume',
    by: tbo,
    reason: 'Advies ontvangen',
    suspendedMs: pause,
  });
  const newDue = new Date(Date.parse(firstDue) + pause).toISOString();
  expect(ogbOf(view)).toMatchObject({ status: 'running', due: newDue });
  expect(view.nextDeadline).toBe(newDue);
  expect(ogbOf(view).reminders.map((r) => [r.daysBefore, r.scheduledFor, r.status])).toEqual([
    [7, calendarDaysBefore(newDue, 7), 'planned'],
    [1, calendarDaysBefore(newDue, 1), 'planned'],
  ]);

  // The 7-day reminder goes out at its new time, for the new date.
  await t.sleepUntil(new Date(Date.parse(calendarDaysBefore(newDue, 7)) + 60_000).toISOString());
  await t.env.sleep('1 minute');
  expect(remindersFor(handle.workflowId)).toEqual([
    expect.objectContaining({ daysBefore: 7, deadline: expect.objectContaining({ due: newDue }) }),
  ]);

  // Two more working days from the due moment (a Sunday): Tuesday 21 January.
  view = await change(handle, sbo, {
    action: 'extend',
    reason: 'Extra overleg',
    days: 2,
    unit: 'working',
  });
  const extendedDue = ogbOf(view).due ?? '';
  expect(extendedDue.slice(0, 10)).toBe('2025-01-21');
  expect(extendedDue.slice(10)).toBe(newDue.slice(10));
  expect(view.history.at(-1)).toMatchObject({
    actor: sbo,
    event: {
      type: 'DEADLINE_EXTENDED',
      deadline: 'ogb',
      reason: 'Extra overleg',
      dueBefore: newDue,
      dueAfter: extendedDue,
    },
  });

  // It passes at the extended moment, not before; an overdue deadline cannot be extended.
  await t.sleepUntil(new Date(Date.parse(extendedDue) - 60_000).toISOString());
  expect(ogbOf(await handle.query(viewQuery)).status).toBe('running');
  await t.sleepUntil(new Date(Date.parse(extendedDue) + 60_000).toISOString());
  await t.env.sleep('1 minute');
  view = await handle.query(viewQuery);
  expect(ogbOf(view).status).toBe('overdue');
  expect(view.overdue).toBe(true);
  await expect(
    change(handle, sbo, { action: 'extend', reason: 'Te laat', days: 5 }),
  ).rejects.toMatchObject({
    cause: { type: 'NotAllowedInState' },
  });
});

const startEscalation = (disputeKey: string, origin: string) =>
  t.env.client.workflow.start('escalation', {
    taskQueue: t.taskQueue,
    workflowId: `escalation:${disputeKey}`,
    args: [
      {
        input: {
          disputeKey,
          subject: 'Uitvoering opdracht',
          description: 'Geschil over de opdracht',
          origin,
          timeBoxDays: { principalAgent: 10, ogb: 10 },
        },
        startedBy: sbo,
      },
    ],
  });
const refusalOf = async (pending: Promise<unknown>) => {
  const error: unknown = await pending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const cause = (error as { cause?: { type?: string; message?: string; details?: unknown[] } })
    .cause;
  return { type: cause?.type, message: cause?.message, details: cause?.details?.[0] };
};

test('the parties to an SBO↔TBO dispute cannot move its time box, and no change goes past its limit', async () => {
  const dispute = await startEscalation('tijdvak-sbo-tbo', 'sbo-tbo');
  const timeBox = (actor: Actor, action: DeadlineRequest['change']) =>
    dispute.executeUpdate(deadlineUpdate, {
      args: [{ deadlineId: 'principalAgent', change: action, actor }],
    });
  const byTbo = await refusalOf(timeBox(tbo, { action: 'suspend', reason: 'Even pauze' }));
  expect(byTbo).toMatchObject({
    type: 'ForbiddenActor',
    details: {
      reason:
        'de TBO is partij in dit geschil en mag deze termijn niet wijzigen / ' +
        'the TBO is a party to this dispute and may not change its deadline',
    },
  });
  expect(byTbo.message).toContain('the TBO is a party to this dispute');
  expect(
    await refusalOf(timeBox(tbo, { action: 'extend', reason: 'Meer tijd', until: '9999-12-30' })),
  ).toMatchObject({ type: 'ForbiddenActor' });
  expect(
    await refusalOf(timeBox(sbo, { action: 'extend', reason: 'Meer tijd', days: 30 })),
  ).toMatchObject({
    type: 'ForbiddenActor',
    details: { reason: expect.stringContaining('de SBO is partij in dit geschil') as string },
  });
  const untouched = await dispute.query(viewQuery);
  expect(untouched.history.map((entry) => entry.event.type)).toEqual(['START']);

  // Within the OGB Beheer the SBO and the TBO are no party; still, the date has limits.
  const handle = await startEscalation('tijdvak-ogb', 'within-ogb');
  const started = ogbOf(await handle.query(viewQuery));
  const limit = calendarDaysBefore(started.due ?? '', -180);
  expect(
    await refusalOf(change(handle, tbo, { action: 'extend', reason: 'r', until: '9999-12-30' })),
  ).toMatchObject({
    type: 'InvalidEvent',
    details: {
      issues: [
        { path: 'until', message: expect.stringContaining('2000-01-01 to 2199-12-31') as string },
      ],
    },
  });
  const pastLimit = await refusalOf(
    change(handle, tbo, { action: 'extend', reason: 'r', until: '2199-12-30' }),
  );
  expect(pastLimit).toMatchObject({
    type: 'NotAllowedInState',
    details: { rule: 'limit-of-the-arrangement' },
  });
  expect(pastLimit.message).toContain('at most 180 days after the original due moment');

  // Suspended and left: it resumes by itself once the pause has used the allowance.
  const suspended = await change(handle, tbo, { action: 'suspend', reason: 'Advies gevraagd' });
  const suspendedAt = Date.parse(suspended.updatedAt);
  await t.sleepUntil(new Date(suspendedAt + 181 * 86_400_000).toISOString());
  let view = await handle.query(viewQuery);
  expect(ogbOf(view)).toMatchObject({ status: 'running', due: limit });
  expect(view.history.at(-1)).toMatchObject({
    actor: { role: 'system' },
    event: {
      type: 'DEADLINE_RESUMED',
      deadline: 'ogb',
      dueAfter: limit,
      reason: expect.stringMatching(/^vanzelf hervat/) as string,
    },
  });
  // It passes at its limit.
  await t.sleepUntil(new Date(Date.parse(limit) + 60_000).toISOString());
  await t.env.sleep('1 minute');
  view = await handle.query(viewQuery);
  expect(ogbOf(view).status).toBe('overdue');
});

// "Deze fase loopt tot 1 juli 2019": inside the workflow, a term ending with a day still ends with
// a day after a pause of two seconds (patched 'resume-whole-days' holds for new runs).
test('a whole-day term suspended for a moment resumes one whole day later', async () => {
  const handle = await t.env.client.workflow.start('acceptance', {
    taskQueue: t.taskQueue,
    workflowId: 'acceptance:termijn-hele-dag',
    args: [
      {
        input: { provision: 'loket', phase1Due: '2030-07-01', agreementDue: '2030-07-01' },
        startedBy: { id: 'programma-dso', role: 'programme' },
      },
    ],
  });
  const phase1Of = (view: ProcessView) => view.deadlines.find((d) => d.id === 'phase1');
  const adjust = (action: 'suspend' | 'resume') =>
    handle
      .executeUpdate(deadlineUpdate, {
        args: [{ deadlineId: 'phase1', change: { action, reason: 'r' }, actor: sbo }],
      })
      .then(() => handle.query(viewQuery));
  expect(phase1Of(await handle.query(viewQuery))?.due).toBe('2030-06-30T22:00:00.000Z');
  await adjust('suspend');
  await t.env.sleep(2000);
  const resumed = phase1Of(await adjust('resume'));
  expect(resumed?.due).toBe('2030-07-01T22:00:00.000Z');
  expect(resumed?.adjustments?.at(-1)?.suspendedMs).toBeGreaterThanOrEqual(2000);
});
