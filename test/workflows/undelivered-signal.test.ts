/**
 * A report a linked run could not deliver is sent again. Temporal refuses a signal to a process it
 * does not find, and a parent between two runs of its continue-as-new can look so for a moment;
 * given up at once, the report was lost and a programme's phase 2 stayed closed (CI, 2026-12-02).
 * Here the parent does not exist yet when the child first reports, and comes into being after.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { sbo } from '../helpers/decision-actors';
import { recordHistory } from '../helpers/history-fixtures';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-03-01T08:00:00Z', 'undelivered-signal-test');

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const events = async (handle: WorkflowHandle): Promise<HistoryEvent[]> =>
  (await handle.fetchHistory()).events ?? [];

/** Asks the history again until it holds what is expected, for at most 60 s. */
async function historyWhen(
  handle: WorkflowHandle,
  done: (events: HistoryEvent[]) => boolean,
  what: string,
): Promise<HistoryEvent[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await events(handle);
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const decisionInput = (decisionKey: string) => ({
  input: {
    decisionKey,
    body: 'ogb',
    subject: 'Releasekalender 2019',
    proposal: 'Voorstel',
    meetingDate: '2019-06-13',
  },
  startedBy: sbo,
});

test('a report the parent could not take yet is sent again until it arrives', async () => {
  const parentId = 'decision:late-parent';
  const child = await t.env.client.workflow.start('decision', {
    taskQueue: t.taskQueue,
    workflowId: 'decision:reports-early',
    args: [{ ...decisionInput('reports-early'), parent: { workflowId: parentId, key: 'ogb' } }],
  });
  const refused = await historyWhen(
    child,
    (h) => h.some((e) => e.signalExternalWorkflowExecutionFailedEventAttributes),
    'the first report refused',
  );
  const firstRefusal = refused.findIndex(
    (e) => e.signalExternalWorkflowExecutionFailedEventAttributes,
  );
  // The report is waited on, not given up: a timer follows the refusal.
  await historyWhen(
    child,
    (h) => h.slice(firstRefusal).some((e) => e.timerStartedEventAttributes),
    'a wait before the next attempt',
  );

  const parent = await t.env.client.workflow.start('decision', {
    taskQueue: t.taskQueue,
    workflowId: parentId,
    args: [decisionInput('late-parent')],
  });
  const delivered = await historyWhen(
    child,
    (h) =>
      h.some(
        (e) =>
          e.externalWorkflowExecutionSignaledEventAttributes?.workflowExecution?.workflowId ===
          parentId,
      ),
    'the report delivered',
  );
  const attempts = delivered.filter(
    (e) =>
      e.signalExternalWorkflowExecutionInitiatedEventAttributes?.workflowExecution?.workflowId ===
      parentId,
  );
  expect(attempts.length).toBeGreaterThanOrEqual(2);
  const received = await historyWhen(
    parent,
    (h) => h.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'childReport'),
    'the parent received the report',
  );
  expect(
    received.filter(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'childReport',
    ),
  ).toHaveLength(1);
  await recordHistory('decision-report-resent', child);
  await child.terminate('test done');
  await parent.terminate('test done');
}, 120_000);
