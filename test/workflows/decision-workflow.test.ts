/** Consensus decisions and the SBO's decision categories on the time-skipping test server. */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor, Party } from '../../machines/actors';
import {
  deadlineUpdate,
  eventUpdate,
  viewQuery,
  type DeadlineRequest,
  type ProcessView,
} from '../../workflows/contract';
import { recordHistory } from '../helpers/history-fixtures';
import { minister, ogbChair, ogbMember, sbo } from '../helpers/decision-actors';
import {
  useTimeSkippingEnvironment,
  type WorkflowTestContext,
} from '../helpers/workflow-environment';

// Runs that wait on timers get a server of their own: awaiting another run's result lets the
// test server skip time, which would move their clock too.
const shared = useTimeSkippingEnvironment('2019-03-01T08:00:00Z', 'decision-workflow-test');
let t: WorkflowTestContext = shared;
beforeAll(() => {
  t = shared;
});

function startDecision(key: string, extra: Record<string, unknown> = {}) {
  return t.env.client.workflow.start('decision', {
    taskQueue: t.taskQueue,
    workflowId: `decision:${key}`,
    args: [
      {
        input: {
          decisionKey: key,
          body: 'ogb',
          subject: `Besluit ${key}`,
          proposal: 'Voorstel',
          meetingDate: '2019-03-14',
          ...extra,
        },
        startedBy: sbo,
      },
    ],
  });
}

const send = (
  handle: WorkflowHandle,
  event: { type: string } & Record<string, unknown>,
  actor: Actor,
) =>
  // The update answers where the run stands; the tests read the whole view after it.
  handle
    .executeUpdate(eventUpdate, { args: [{ event, actor }] })
    .then(() => handle.query(viewQuery));
const agree = (handle: WorkflowHandle, party: Party) =>
  send(handle, { type: 'POSITION', position: 'agree' }, ogbMember(party));

test('all four agree: adopted, and the run ends with the decision as its output', async () => {
  const handle = await startDecision('allen-eens');
  for (const party of ['rijk', 'vng', 'ipo'] as const) await agree(handle, party);
  const view = await agree(handle, 'uvw');
  expect(view.state).toEqual(['adopted']);
  const result = (await handle.result()) as ProcessView;
  expect(result.status).toBe('completed');
  expect(result.output).toMatchObject({ outcome: 'adopted', postponed: false });
});

test('an objection: no consensus', async () => {
  const handle = await startDecision('bezwaar');
  await agree(handle, 'rijk');
  await send(
    handle,
    { type: 'POSITION', position: 'object', note: 'Niet gedekt' },
    ogbMember('uvw'),
  );
  expect(((await handle.result()) as ProcessView).output).toMatchObject({ outcome: 'rejected' });
});

test('a proxy and a written vote count like presence', async () => {
  const handle = await startDecision('volmacht');
  await send(handle, { type: 'AUTHORISE_PROXY', holder: 'vng' }, ogbMember('ipo'));
  await agree(handle, 'vng');
  await send(handle, { type: 'POSITION', position: 'agree', onBehalfOf: 'ipo' }, ogbMember('vng'));
  await send(handle, { type: 'WRITTEN_VOTE', party: 'uvw', position: 'agree' }, ogbChair);
  await agree(handle, 'rijk');
  const result = (await handle.result()) as ProcessView;
  expect(result.history.map((entry) => entry.actor.id)).toEqual([
    'sbo',
    'ogb-ipo',
    'ogb-vng',
    'ogb-vng',
    'ogb-vng',
    'ogb-rijk',
  ]);
  expect(result.output).toMatchObject({
    outcome: 'adopted',
    positions: expect.arrayContaining([
      expect.objectContaining({ party: 'ipo', how: 'proxy' }),
      expect.objectContaining({ party: 'uvw', how: 'written' }),
    ]),
  });
});

describe('the SBO decision categories', () => {
  const startSbo = (key: string, input: Record<string, unknown>) =>
    t.env.client.workflow.start('sbo-decision', {
      taskQueue: t.taskQueue,
      workflowId: `sbo-decision:${key}`,
      args: [
        {
          input: { decisionKey: key, subject: `SBO ${key}`, proposal: 'Voorstel', ...input },
          startedBy: sbo,
        },
      ],
    });

  async function childOf(handle: WorkflowHandle): Promise<WorkflowHandle> {
    for (;;) {
      const view = await handle.query(viewQuery);
      const child = view.children[0];
      if (child) return t.env.client.workflow.getHandle(child.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test('category 1 runs a consensus decision as a child and is decided by its outcome', async () => {
    const parent = await startSbo('wisseling-tbo', {
      decisionType: 'tbo-change',
      category: 1,
      meetingDate: '2019-06-13',
    });
    const child = await childOf(parent);
    expect(child.workflowId).toBe('decision:wisseling-tbo-ogb');
    for (const party of ['rijk', 'vng', 'ipo', 'uvw'] as const) await agree(child, party);
    const result = (await parent.result()) as ProcessView;
    expect(result.state).toEqual(['decided']);
    expect(result.children).toEqual([
      expect.objectContaining({
        key: 'ogb',
        kind: 'decision',
        id: 'decision:wisseling-tbo-ogb',
        status: 'completed',
      }),
    ]);
    expect(result.output).toMatchObject({
      decision: { decision: 'adopt', by: 'decision:wisseling-tbo-ogb' },
      consensus: { outcome: 'adopted', decisionId: 'decision:wisseling-tbo-ogb' },
      escalationNeeded: false,
    });
    await recordHistory('sbo-decision-consensus', parent);
    await recordHistory('decision-child', child);
    expect(result.history.at(-1)).toMatchObject({
      actor: { role: 'system' },
      event: { type: 'CHILD_DONE', key: 'ogb' },
    });
  });

  test('category 1 without consensus ends saying escalation is needed', async () => {
    const parent = await startSbo('reserve', {
      decisionType: 'reserve-pot',
      category: 1,
      meetingDate: '2019-06-13',
    });
    const child = await childOf(parent);
    await send(child, { type: 'POSITION', position: 'object' }, ogbMember('ipo'));
    const result = (await parent.result()) as ProcessView;
    expect(result.state).toEqual(['noConsensus']);
    expect(result.tags).toContain('escalationNeeded');
    expect(result.output).toMatchObject({
      escalationNeeded: true,
      consensus: { outcome: 'rejected' },
    });
  });

  test('category 3: the SBO decides alone, and the decision names whom to notify', async () => {
    const parent = await startSbo('calamiteit', {
      decisionType: 'calamity-without-consequences',
      category: 3,
    });
    const view = await send(
      parent,
      { type: 'DECIDE', decision: 'adopt', note: 'Storing opgelost' },
      sbo,
    );
    expect(view.output).toMatchObject({ notify: ['vng', 'ipo', 'uvw'] });
    expect(view.status).toBe('completed');
    // The Minister chairs the BO but takes no SBO decisions.
    const other = await startSbo('minister', { decisionType: 'other', category: 4 });
    await expect(
      send(other, { type: 'DECIDE', decision: 'adopt' }, minister),
    ).rejects.toMatchObject({
      cause: { type: 'ForbiddenRole', message: 'minister may not send DECIDE' },
    });
  });
});

describe('postponement', () => {
  const own = useTimeSkippingEnvironment('2019-03-01T08:00:00Z', 'decision-postponed');
  beforeAll(() => {
    t = own;
  });

  test('absent without proxy: postponed; the second meeting within a month decides and binds the absent party', async () => {
    const handle = await startDecision('aangehouden');
    await agree(handle, 'rijk');
    await agree(handle, 'vng');
    await t.sleepUntil('2019-03-14T12:00:00Z');
    let view = await send(handle, { type: 'CLOSE_MEETING', note: 'IPO en UvW afwezig' }, ogbChair);
    expect(view.state).toEqual(['postponed']);
    expect(view.deadlines.find((d) => d.id === 'meeting')?.status).toBe('met');
    const second = view.deadlines.find((d) => d.id === 'secondMeeting');
    // Held on 14 March: due by the end of 14 April (CEST).
    expect(second?.status).toBe('running');
    expect(second?.due).toBe('2019-04-14T22:00:00.000Z');
    await t.sleepUntil('2019-04-10T09:00:00Z');
    view = await send(handle, { type: 'OPEN_SECOND_MEETING' }, ogbChair);
    expect(view.state).toEqual(['secondMeeting']);
    await agree(handle, 'ipo');
    view = await send(handle, { type: 'CLOSE_MEETING' }, ogbChair);
    expect(view.state).toEqual(['adopted']);
    // "In dit tweede OGB Beheer kunnen besluiten worden genomen door de dan aanwezige partijen":
    // the Rijk's and the VNG's agreement of the first meeting stands.
    expect(view.output).toMatchObject({
      outcome: 'adopted',
      postponed: true,
      boundAbsent: ['uvw'],
      positions: [
        expect.objectContaining({ party: 'rijk', round: 1 }),
        expect.objectContaining({ party: 'vng', round: 1 }),
        expect.objectContaining({ party: 'ipo', round: 2 }),
      ],
    });
    expect(view.deadlines.find((d) => d.id === 'secondMeeting')?.status).toBe('met');
    expect(view.summary).toMatch(/bindt ook uvw/);
    await recordHistory('decision-carried-over', handle);
  });
});

describe('"binnen één maand" binds every change of the date', () => {
  const own = useTimeSkippingEnvironment('2026-12-01T08:00:00Z', 'decision-month-limit');
  beforeAll(() => {
    t = own;
  });
  const refusalOf = async (pending: Promise<unknown>) => {
    const error: unknown = await pending.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const cause = (error as { cause?: { type?: string; details?: unknown[] } }).cause;
    return { type: cause?.type, details: cause?.details?.[0] };
  };
  const change = (handle: WorkflowHandle, change: DeadlineRequest['change']) =>
    handle.executeUpdate(deadlineUpdate, {
      args: [{ deadlineId: 'secondMeeting', change, actor: sbo }],
    });

  test('a meeting of 14 January 2027 cannot close on 1 December 2026; once held, the next is due within the month and cannot be moved past it', async () => {
    const handle = await startDecision('binnen-een-maand', { meetingDate: '2027-01-14' });
    await agree(handle, 'rijk');
    expect(
      await refusalOf(send(handle, { type: 'CLOSE_MEETING', note: 'Te vroeg' }, ogbChair)),
    ).toMatchObject({
      type: 'ForbiddenActor',
      details: {
        rule: 'missing-earlier-step',
        reason: expect.stringContaining('de vergadering van 2027-01-14 is nog niet gehouden'),
      },
    });
    await t.sleepUntil('2027-01-14T15:00:00Z');
    const view = await send(handle, { type: 'CLOSE_MEETING' }, ogbChair);
    expect(view.state).toEqual(['postponed']);
    expect(view.deadlines.find((d) => d.id === 'secondMeeting')?.due).toBe(
      '2027-02-14T23:00:00.000Z',
    );
    for (const request of [
      { action: 'extend', reason: 'Zaal bezet', days: 45 },
      { action: 'extend', reason: 'Na het reces', until: '2027-06-01' },
      { action: 'suspend', reason: 'Wachten op advies' },
    ] as DeadlineRequest['change'][]) {
      expect(await refusalOf(change(handle, request))).toMatchObject({
        type: 'NotAllowedInState',
        details: {
          rule: 'limit-of-the-arrangement',
          reason: expect.stringContaining('binnen één maand'),
        },
      });
    }
    const after = await handle.query(viewQuery);
    expect(after.deadlines.find((d) => d.id === 'secondMeeting')).toMatchObject({
      due: '2027-02-14T23:00:00.000Z',
      status: 'running',
    });
  });
});

describe('missed second meeting', () => {
  const own = useTimeSkippingEnvironment('2019-03-01T08:00:00Z', 'decision-missed');
  beforeAll(() => {
    t = own;
  });

  test('the second meeting missed: reminded 7 and 1 days before, then overdue', async () => {
    const handle = await startDecision('gemist', { meetingDate: '2019-04-18' });
    await agree(handle, 'rijk');
    await t.sleepUntil('2019-04-18T14:00:00Z');
    await send(handle, { type: 'CLOSE_MEETING' }, ogbChair);
    await t.sleepUntil('2019-05-20T00:00:00Z');
    const view = await handle.query(viewQuery);
    const second = view.deadlines.find((d) => d.id === 'secondMeeting');
    // Held on 18 April: due by the end of 18 May (CEST), reminded before it.
    expect(second?.status).toBe('overdue');
    expect(second?.due?.slice(0, 16)).toBe('2019-05-18T22:00');
    expect(
      second?.reminders.map((r) => [r.daysBefore, r.scheduledFor.slice(0, 16), r.status]),
    ).toEqual([
      [7, '2019-05-11T22:00', 'sent'],
      [1, '2019-05-17T22:00', 'sent'],
    ]);
    expect(view.overdue).toBe(true);
    expect(view.state).toEqual(['postponed']);
    expect(view.summary).toMatch(/over de termijn/);
    expect(
      t.webhook.received
        .filter((r) => r.businessKey === 'gemist')
        .map((r) => [(r.deadline as { id: string }).id, r.daysBefore]),
    ).toEqual([
      ['meeting', 7],
      ['meeting', 1],
      ['secondMeeting', 7],
      ['secondMeeting', 1],
    ]);
  });
});
