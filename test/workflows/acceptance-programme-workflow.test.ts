/**
 * The 2019 acceptance of DSO-LV on the time-skipping test server: six provisions, one rejected and
 * repaired in phase 1, one reported ready late so phase 2 waits for it, one started on its own and
 * adopted; then phase 2 for every provision and for the whole, and the programme's discharge.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { assessments } from '../../machines/acceptance/assessments';
import type { Actor } from '../../machines/actors';
import { acceptance } from '../../workflows/acceptance';
import { eventUpdate, viewQuery, type ProcessView } from '../../workflows/contract';
import {
  adviceEvent,
  agreementEvent,
  agreementSignedEvent,
  definitivelyAcceptEvent,
  fixCriteriaEvent,
  provisionallyAcceptEvent,
  repairEvent,
  resubmitEvent,
  transferEvent,
  verdictEvent,
} from '../helpers/acceptance-script';
import { actors } from '../helpers/actors';
import { recordHistory } from '../helpers/history-fixtures';
import { viewWhen } from '../helpers/view-waiting';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-01-07T08:00:00Z', 'acceptance-programme');
const provisions = [
  'loket',
  'orienteren',
  'aanvragen-en-meldingen',
  'stelselcatalogus',
  'api-store',
  'stelselknooppunt',
];

type Event = { type: string } & Record<string, unknown>;
// The update answers where the run stands; the tests read the whole view after it.
const send = (handle: WorkflowHandle, event: Event, actor: Actor) =>
  handle
    .executeUpdate(eventUpdate, { args: [{ event, actor }] })
    .then(() => handle.query(viewQuery));
const run = (provision: string) => t.env.client.workflow.getHandle(`acceptance:${provision}`);

/** All eight verdicts of the current round, with an optional defect from the TBO. */
async function judge(handle: WorkflowHandle, defect?: string): Promise<ProcessView> {
  let view: ProcessView | undefined;
  for (const a of assessments) {
    await send(handle, verdictEvent(a), actors.ogb);
    const outcome = defect && a === 'readyForUse' ? 'negative' : 'positive';
    view = await send(handle, verdictEvent(a, outcome, defect ?? ''), actors.tbo);
  }
  if (!view) throw new Error('no assessments');
  return view;
}

async function phase1(provision: string, defect?: string): Promise<ProcessView> {
  const handle = run(provision);
  await send(handle, adviceEvent, actors.tbo);
  await send(handle, fixCriteriaEvent, actors.ogb);
  let view = await judge(handle, defect);
  if (defect) {
    expect(view.state).toContain('acceptance.phase1.repair');
    await send(handle, repairEvent, actors.developer);
    await send(handle, resubmitEvent, actors.programme);
    await send(handle, verdictEvent('readyForUse'), actors.ogb);
    view = await send(handle, verdictEvent('readyForUse'), actors.tbo);
    expect(view.state).toContain('acceptance.phase1.provisionalAcceptance');
  }
  await send(handle, provisionallyAcceptEvent, actors.ogb);
  await send(handle, provisionallyAcceptEvent, actors.tbo);
  await send(handle, agreementEvent, actors.tbo);
  await send(handle, agreementSignedEvent, actors.tbo);
  return send(handle, transferEvent, actors.tbo);
}

async function phase2(provision: string): Promise<ProcessView> {
  const handle = run(provision);
  await judge(handle);
  await send(handle, definitivelyAcceptEvent, actors.ogb);
  return send(handle, definitivelyAcceptEvent, actors.tbo);
}

const programmeReminders = () =>
  t.webhook.received
    .filter((r) => r.businessKey === 'dso-lv' && (r.deadline as { id: string }).id === 'phase1')
    .map((r) => r.scheduledFor);

interface MatrixRow {
  provision: string;
  status: string;
  repairs: number;
  discharge: { at: string; transferMoment: string } | null;
  phase1: Record<string, Record<string, { outcome: string; by: string } | null>>;
  phase2: Record<string, Record<string, { outcome: string; by: string } | null>>;
  overdue: string[];
  late: string[];
}
const rowsOf = (view: ProcessView) => (view.context.matrix as { rows: MatrixRow[] }).rows;

test('the 2019 programme: phase 2 waits for the late provision, then every provision and the whole are accepted and the programme discharged', async () => {
  // A run started on its own before the programme existed; the programme adopts it.
  await t.env.client.workflow.start(acceptance, {
    taskQueue: t.taskQueue,
    workflowId: 'acceptance:orienteren',
    args: [{ input: { provision: 'orienteren' }, startedBy: actors.programme }],
  });
  const handle = await t.env.client.workflow.start('acceptance-programme', {
    taskQueue: t.taskQueue,
    workflowId: 'acceptance-programme:dso-lv',
    args: [
      { input: { provisions: provisions.map((id) => ({ id })) }, startedBy: actors.programme },
    ],
  });
  for (const provision of provisions.filter((p) => p !== 'api-store')) {
    await send(handle, { type: 'READY_REPORT', provision }, actors.programme);
  }
  let view = await viewWhen(
    handle,
    (v) => v.children.filter((c) => c.summary !== undefined).length === 5,
    'five runs reporting',
  );
  expect(view.children.find((c) => c.key === 'orienteren')).toMatchObject({
    id: 'acceptance:orienteren',
    linked: true,
    adopted: true,
  });
  expect(view.children.find((c) => c.key === 'loket')?.adopted).toBeUndefined();

  for (const provision of ['loket', 'orienteren', 'aanvragen-en-meldingen', 'stelselknooppunt']) {
    await phase1(provision);
  }
  await phase1('stelselcatalogus', 'Zoekfunctie te traag');
  await viewWhen(
    handle,
    (v) => rowsOf(v).filter((r) => r.status === 'delivered').length === 5,
    'five provisions delivered',
  );
  // Not all delivered: phase 2 stays closed, for the programme and for every run.
  await t.sleepUntil('2019-07-02T08:00:00Z');
  view = await handle.query(viewQuery);
  expect(view.state).toContain('acceptance.phase1');
  expect(view.overdue).toBe(true);
  expect(view.deadlines.find((d) => d.id === 'phase1')?.status).toBe('overdue');
  expect(programmeReminders()).toEqual([
    '2019-05-31T22:00:00.000Z',
    '2019-06-23T22:00:00.000Z',
    '2019-06-29T22:00:00.000Z',
  ]);
  const waiting = await run('loket').query(viewQuery);
  expect(waiting.state).toContain('acceptance.provisionalOperation');
  expect(waiting.allowedEvents.map((e) => e.type)).not.toContain('DEFINITIVELY_ACCEPT');

  // The late provision arrives and completes phase 1: phase 2 opens for all six at once.
  await send(handle, { type: 'READY_REPORT', provision: 'api-store' }, actors.programme);
  await viewWhen(run('api-store'), () => true, 'the late run');
  await phase1('api-store');
  view = await viewWhen(handle, (v) => v.state.includes('acceptance.phase2.provisions'), 'phase 2');
  for (const provision of provisions) {
    await viewWhen(
      run(provision),
      (v) => v.state.includes('acceptance.phase2.assessment'),
      provision,
    );
  }
  expect(view.deadlines.find((d) => d.id === 'phase1')?.status).toBe('metLate');
  expect(view.deadlines.find((d) => d.id === 'phase2')).toMatchObject({
    status: 'running',
    due: '2019-12-31T23:00:00.000Z',
  });

  await t.sleepUntil('2019-09-02T08:00:00Z');
  for (const provision of provisions) {
    const accepted = await phase2(provision);
    expect(accepted.context.discharge).toMatchObject({ transferMoment: expect.any(String) });
  }
  await viewWhen(handle, (v) => v.state.includes('acceptance.phase2.whole'), 'the whole');
  await send(handle, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, actors.ogb);
  view = await send(handle, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, actors.tbo);
  expect(view.state).toEqual(['acceptance.discharged', 'extensionProtocol.awaited']);
  expect(view.context.whole).toMatchObject({ discharge: { at: expect.any(String) } });
  expect(view.deadlines.find((d) => d.id === 'phase2')?.status).toBe('met');

  const rows = rowsOf(view);
  expect(rows.map((r) => [r.provision, r.status])).toEqual(
    provisions.map((p) => [p, 'definitivelyAccepted']),
  );
  for (const row of rows) {
    expect(row.discharge).not.toBeNull();
    for (const a of assessments) {
      expect(row.phase2[a]).toMatchObject({
        ogb: { outcome: 'positive', by: 'ogb-rijk' },
        tbo: { outcome: 'positive', by: 'tbo' },
      });
    }
  }
  const catalogue = rows.find((r) => r.provision === 'stelselcatalogus');
  expect(catalogue?.repairs).toBe(1);
  expect(catalogue?.phase1.readyForUse?.tbo).toMatchObject({ outcome: 'positive' });
  // Reported ready after 1 July, its phase 1 and agreement were met late, and are no longer owed.
  expect(rows.find((r) => r.provision === 'api-store')).toMatchObject({
    overdue: [],
    late: ['phase1', 'agreement'],
  });

  // The acceptance protocol for extensions is still owed (Q3 2020); then the programme ends.
  const done = await send(
    handle,
    { type: 'EXTENSION_PROTOCOL_PROPOSED', summary: 'Acceptatieprotocol uitbouw' },
    actors.tbo,
  );
  expect(done.status).toBe('completed');
  const result = (await handle.result()) as ProcessView;
  expect(result.output).toMatchObject({ programme: { id: 'dso-lv' } });
  for (const provision of provisions) {
    const finished = await viewWhen(run(provision), (v) => v.status === 'completed', provision);
    expect(finished.output).toMatchObject({ discharge: { at: expect.any(String) } });
  }
  await recordHistory('acceptance-programme-2019', handle);
  // The child side too: a linked run's reports and the phase-2 event it took.
  await recordHistory('acceptance-linked-stelselcatalogus', run('stelselcatalogus'));
  const audit = (await handle.query(viewQuery)).history.find(
    (e) => e.event.type === 'CHILD_PROGRESS',
  );
  expect(Object.keys(audit?.event ?? {}).sort()).toEqual(['key', 'summary', 'type']);
}, 240_000);

/** The failure type and details of a refused event. */
async function refusalOf(promise: Promise<unknown>): Promise<{ type?: string; details: unknown }> {
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

// "Fase 2, wanneer alle afzonderlijke producten opgeleverd zijn, resulteert in een definitieve
// acceptatie van de verschillende producten én DSO-LV als geheel" (§6.4).
test('a programme moved to 2027 gives its runs 2027 dates, names missing steps, and has no known-state shortcut', async () => {
  const handle = await t.env.client.workflow.start('acceptance-programme', {
    taskQueue: t.taskQueue,
    workflowId: 'acceptance-programme:dso-lv-2027',
    args: [
      {
        input: { programme: 'dso-lv-2027', provisions: [{ id: 'tpod' }], phase1Due: '2027-07-01' },
        startedBy: actors.programme,
      },
    ],
  });
  const early = await refusalOf(
    send(handle, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, actors.ogb),
  );
  expect(early).toEqual({
    type: 'NotAllowedInState',
    details: expect.objectContaining({
      rule: 'missing-earlier-step',
      reason:
        'eerst de definitieve acceptatie van elke voorziening (fase 2) / first the definitive acceptance of every provision (phase 2)',
    }),
  });
  await send(handle, { type: 'READY_REPORT', provision: 'tpod' }, actors.programme);
  const child = await viewWhen(run('tpod'), () => true, 'the tpod run');
  expect(Object.fromEntries(child.deadlines.map((d) => [d.id, d.due]))).toEqual({
    phase1: '2027-06-30T22:00:00.000Z',
    phase2: '2027-12-31T23:00:00.000Z',
    agreement: '2027-06-30T22:00:00.000Z',
  });
  const noAdvice = await refusalOf(send(run('tpod'), fixCriteriaEvent, actors.ogb));
  expect(noAdvice.details).toMatchObject({
    rule: 'missing-earlier-step',
    reason: "eerst het advies van de TBO over de criteria / first the TBO's advice on the criteria",
  });

  await phase1('tpod');
  let view = await viewWhen(
    handle,
    (v) => v.state.includes('acceptance.phase2.provisions'),
    'phase 2',
  );
  expect(view.deadlines.find((d) => d.id === 'phase2')?.due).toBe('2027-12-31T23:00:00.000Z');
  const opened = await viewWhen(
    run('tpod'),
    (v) => v.state.includes('acceptance.phase2.assessment'),
    'tpod in phase 2',
  );
  expect(opened.deadlines.find((d) => d.id === 'phase2')?.due).toBe('2027-12-31T23:00:00.000Z');
  expect(view.allowedEvents.map((e) => e.type)).not.toContain('ACCEPT_KNOWN_STATE');
  const known = await refusalOf(
    send(handle, { type: 'ACCEPT_KNOWN_STATE', provision: 'tpod', note: 'bekend' }, actors.tbo),
  );
  expect(known.details).toMatchObject({ rule: 'limit-of-the-arrangement' });

  await phase2('tpod');
  await viewWhen(handle, (v) => v.state.includes('acceptance.phase2.whole'), 'the whole');
  await send(handle, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, actors.ogb);
  view = await send(handle, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, actors.tbo);
  expect(view.state).toContain('acceptance.discharged');
  // Every provision was definitively accepted before the discharge: its own run has ended.
  const finished = await viewWhen(run('tpod'), (v) => v.status === 'completed', 'tpod done');
  expect(finished.allowedEvents).toEqual([]);
}, 120_000);
