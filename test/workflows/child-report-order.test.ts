/**
 * A linked run's reports reach its programme by signal, and two sent close together can arrive
 * in either order. The programme keeps the newest by the run's own sequence: an older report that
 * arrives late changes nothing, so phase 2 still opens once every provision is delivered (§6.4:
 * "Fase 2, wanneer alle afzonderlijke producten opgeleverd zijn, …").
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { Actor } from '../../machines/actors';
import { assessments } from '../../machines/acceptance/assessments';
import {
  childReportSignal,
  eventUpdate,
  type ChildReport,
  type ProcessView,
} from '../../workflows/contract';
import {
  adviceEvent,
  agreementEvent,
  agreementSignedEvent,
  fixCriteriaEvent,
  provisionallyAcceptEvent,
  transferEvent,
  verdictEvent,
} from '../helpers/acceptance-script';
import { actors } from '../helpers/actors';
import { recordHistory } from '../helpers/history-fixtures';
import { until } from '../helpers/until';
import { viewOf, viewWhen } from '../helpers/view-waiting';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-01-07T08:00:00Z', 'child-report-order');

type Event = { type: string } & Record<string, unknown>;
// The update answers where the run stands; the tests read the whole view after it.
const send = (handle: WorkflowHandle, event: Event, actor: Actor) =>
  handle.executeUpdate(eventUpdate, { args: [{ event, actor }] }).then(() => viewOf(handle));
const run = (provision: string) => t.env.client.workflow.getHandle(`acceptance:${provision}`);

/** Phase 1 of one run up to the transfer: criteria, eight positive verdicts, both acceptances. */
async function untilTransfer(provision: string): Promise<void> {
  const handle = run(provision);
  await viewWhen(handle, () => true, `the ${provision} run`);
  await send(handle, adviceEvent, actors.tbo);
  await send(handle, fixCriteriaEvent, actors.ogb);
  for (const a of assessments) {
    await send(handle, verdictEvent(a), actors.ogb);
    await send(handle, verdictEvent(a), actors.tbo);
  }
  await send(handle, provisionallyAcceptEvent, actors.ogb);
  await send(handle, provisionallyAcceptEvent, actors.tbo);
  await send(handle, agreementEvent, actors.tbo);
  await send(handle, agreementSignedEvent, actors.tbo);
}

const rowStatus = (view: ProcessView, provision: string): string | undefined =>
  (view.context.matrix as { rows: { provision: string; status: string }[] }).rows.find(
    (row) => row.provision === provision,
  )?.status;
const progressAudits = (view: ProcessView, provision: string) =>
  view.history.filter((e) => e.event.type === 'CHILD_PROGRESS' && e.event.key === provision);

test('a report that arrives after a newer one is ignored, and phase 2 still opens', async () => {
  const handle = await t.env.client.workflow.start('acceptance-programme', {
    taskQueue: t.taskQueue,
    workflowId: 'acceptance-programme:dso-lv',
    args: [
      {
        input: { provisions: [{ id: 'loket' }, { id: 'api-store' }] },
        startedBy: actors.programme,
        // The sequences applied so far must survive continue-as-new.
        continueAsNewAfterEvents: 40,
      },
    ],
  });
  await send(handle, { type: 'READY_REPORT', provision: 'loket' }, actors.programme);
  await untilTransfer('loket');
  const transfer = await viewWhen(
    run('loket'),
    (v) => v.summary.endsWith('overdracht loopt'),
    'loket in transfer',
  );
  const reported = await viewWhen(
    handle,
    (v) => v.children.some((c) => c.key === 'loket' && c.summary === transfer.summary),
    'the transfer reported',
  );
  const entry = (reported.context.provisions as { id: string; report: unknown }[]).find(
    (p) => p.id === 'loket',
  );
  // The report the run sent in transfer, exactly: its sequence is its history length then.
  const older: ChildReport = {
    key: 'loket',
    childId: 'acceptance:loket',
    kind: 'acceptance',
    status: 'running',
    summary: transfer.summary,
    tags: [...transfer.tags].sort(),
    report: entry?.report,
    seq: transfer.history.length,
  };

  await send(run('loket'), transferEvent, actors.tbo);
  const delivered = await viewWhen(
    handle,
    (v) => rowStatus(v, 'loket') === 'delivered',
    'loket delivered',
  );
  const auditsBefore = progressAudits(delivered, 'loket').length;

  const deliveredIn = (await handle.describe()).runId;
  // The transfer report overtaken by the newer one: it arrives last.
  await handle.signal(childReportSignal, older);
  // An update after the signal is handled after it: its view shows what the signal did.
  const view = await send(
    handle,
    { type: 'READY_REPORT', provision: 'api-store' },
    actors.programme,
  );
  expect(rowStatus(view, 'loket')).toBe('delivered');
  const newest = delivered.children.find((c) => c.key === 'loket')?.summary;
  expect(newest).toMatch(/operationeel beheer op voorlopige basis/);
  expect(view.children.find((c) => c.key === 'loket')?.summary).toBe(newest);
  expect(progressAudits(view, 'loket')).toHaveLength(auditsBefore);

  await untilTransfer('api-store');
  // The api-store's reports push the programme past 40 events: it continues as new, and the
  // sequence it applied from loket must come along.
  const continued = await until(
    () => handle.describe(),
    (d) => d.runId !== deliveredIn,
  );
  expect(continued.runId).not.toBe(deliveredIn);
  await handle.signal(childReportSignal, older);
  await send(run('api-store'), transferEvent, actors.tbo);
  await viewWhen(handle, (v) => v.state.includes('acceptance.phase2.provisions'), 'phase 2');
  for (const provision of ['loket', 'api-store']) {
    await viewWhen(
      run(provision),
      (v) => v.state.includes('acceptance.phase2.assessment'),
      `${provision} in phase 2`,
    );
  }
  await viewWhen(
    handle,
    (v) => rowStatus(v, 'loket') === 'phase2' && rowStatus(v, 'api-store') === 'phase2',
    'the matrix in phase 2',
    {
      // In CI (2026-12-02) a phase-2 report was lost here twice: first refused while the
      // programme continued as new (now sent again: undelivered-signal.test.ts), then lost by
      // the test server with the programme's last task (now each continued run links its
      // children again: host/relink.ts). The message says which child's report is missing.
      attempts: 600,
      explain: (v) =>
        JSON.stringify({
          rows: ['loket', 'api-store'].map((p) => `${p}: ${rowStatus(v, p) ?? '—'}`),
          children: v.children.map((c) => `${c.key}: ${c.summary ?? '—'}`),
          last: v.history.slice(-6).map((e) => `${e.seq} ${e.event.type}`),
        }),
    },
  );

  // Each run carried over linked its running children again, once each; the newest has both.
  const linksOf = (events: HistoryEvent[]) =>
    events
      .map((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)
      .filter((a) => a?.signalName === 'link')
      .map((a) => a?.workflowExecution?.workflowId)
      .sort();
  // The newest run may still be in its first task when asked: ask until its links are out.
  const continuedRuns = await until(
    () => runsSince(handle.workflowId, deliveredIn),
    (runs) => linksOf(runs[0] ?? []).length === 2,
  );
  expect(continuedRuns.length).toBeGreaterThan(0);
  for (const events of continuedRuns) {
    const links = linksOf(events);
    expect(links).toContain('acceptance:loket');
    expect(new Set(links).size).toBe(links.length);
  }
  expect(linksOf(continuedRuns[0] ?? [])).toEqual(['acceptance:api-store', 'acceptance:loket']);
  await recordHistory('acceptance-programme-relinked', handle);
}, 180_000);

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The histories of the runs after `runId`, newest first, by following continue-as-new back. */
async function runsSince(workflowId: string, runId: string): Promise<HistoryEvent[][]> {
  const runs: HistoryEvent[][] = [];
  let current: string | undefined = (await t.env.client.workflow.getHandle(workflowId).describe())
    .runId;
  while (current !== undefined && current !== runId) {
    const history: temporal.api.history.v1.IHistory = await t.env.client.workflow
      .getHandle(workflowId, current)
      .fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    runs.push(events);
    current =
      events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return runs;
}

test('five provisions walked to provisional operation at once open phase 2, every time', async () => {
  for (const round of [1, 2, 3]) {
    const ids = [1, 2, 3, 4, 5].map((n) => `stress-${round}-${n}`);
    const handle = await t.env.client.workflow.start('acceptance-programme', {
      taskQueue: t.taskQueue,
      workflowId: `acceptance-programme:stress-${round}`,
      args: [
        {
          input: { programme: `stress-${round}`, provisions: ids.map((id) => ({ id })) },
          startedBy: actors.programme,
        },
      ],
    });
    for (const id of ids) {
      await send(handle, { type: 'READY_REPORT', provision: id }, actors.programme);
    }
    await Promise.all(
      ids.map(async (id) => {
        await untilTransfer(id);
        await send(run(id), transferEvent, actors.tbo);
      }),
    );
    await viewWhen(
      handle,
      (v) => v.state.includes('acceptance.phase2.provisions'),
      `phase 2 of round ${round}`,
    );
  }
}, 120_000);
