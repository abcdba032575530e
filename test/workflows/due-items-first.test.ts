/**
 * Due items first, on the time-skipping server: the worker is down while an obligation's due
 * date passes, the owner delivers during the outage, and a new worker handles the due timer and
 * the delivery in one workflow task. The run records the deadline as passed first and the
 * delivery as late, because lateness follows the workflow clock, not the order of the jobs.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { createReminderActivities } from '../../activities/reminder-activities';
import type { Actor } from '../../machines/actors';
import { obligationCatalogue } from '../../machines/obligation/catalogue';
import { createTimeSkippingAt } from '../../server/time-skipping-server';
import { eventUpdate, viewQuery } from '../../workflows/contract';
import { recordHistory } from '../helpers/history-fixtures';
import { sbo } from '../helpers/obligation-script';
import { until } from '../helpers/until';
import {
  startWebhookReceiver,
  TEST_WEBHOOK_SECRET,
  type WebhookReceiver,
} from '../helpers/webhook-receiver';
import { workflowBundle } from '../helpers/workflow-environment';

const taskQueue = 'due-items-first-test';
const tbo: Actor = { id: 'tbo', role: 'tbo' };
const due = '2019-05-31T22:00:00.000Z';
const { EventType } = temporal.api.enums.v1;

let env: TestWorkflowEnvironment;
let webhook: WebhookReceiver;

beforeAll(async () => {
  env = await createTimeSkippingAt('2019-05-20T08:00:00Z');
  webhook = await startWebhookReceiver();
});
afterAll(async () => {
  await webhook.close();
  await env.teardown();
});

/**
 * A worker of its own, so the test can take it down and bring a new one up. Without a workflow
 * cache: a worker with one asks for sticky execution, and the test server then queues every later
 * workflow task on that worker's own queue for good (it has no sticky schedule-to-start timeout
 * and ignores ShutdownWorker), so a task that falls due in the outage never reaches a new worker.
 * A real server moves it to the normal queue after the sticky timeout; a new worker replays the
 * history either way.
 */
async function startWorker(): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    maxCachedWorkflows: 0,
    workflowBundle: await workflowBundle(),
    activities: createReminderActivities({
      webhook: { url: webhook.url, secret: TEST_WEBHOOK_SECRET },
      log: () => undefined,
    }),
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}

const types = (history: temporal.api.history.v1.IHistory): string[] =>
  (history.events ?? []).map((e) => EventType[e.eventType ?? 0] ?? 'unknown');

/** Whether the server holds the update (admitted, waiting for a worker). */
async function admitted(workflowId: string, updateId: string): Promise<boolean> {
  try {
    await env.client.workflowService.pollWorkflowExecutionUpdate({
      namespace: env.namespace ?? 'default',
      updateRef: { workflowExecution: { workflowId }, updateId },
    });
    return true;
  } catch {
    return false;
  }
}

test('the worker is down across the due date, the delivery arrives: the deadline passed first, the delivery is late', async () => {
  const input = obligationCatalogue().find((entry) => entry.obligationKey === 'beheerprotocol');
  if (!input) throw new Error('no beheerprotocol in the catalogue');
  const workflowId = 'obligation:beheerprotocol';
  const firstWorker = await startWorker();
  const handle = await env.client.workflow.start('obligation', {
    taskQueue,
    workflowId,
    // No reminders: the due moment is the run's only timer.
    args: [{ input: { ...input, reminderDays: [] }, startedBy: sbo }],
  });
  const started = await handle.query(viewQuery);
  expect(started.state).toEqual(['open.inTime']);
  expect(started.nextDeadline).toBe(due);
  await firstWorker.stop();

  // The outage: the clock runs past the due date with no worker. The server stops the clock
  // once the timer has fired (its workflow task waits for a worker), so the sleep ends later.
  const outage = env.sleep(Date.parse(due) + 3_600_000 - (await env.currentTimeMs()));
  await until(
    () => handle.fetchHistory(),
    (history) => types(history).includes('EVENT_TYPE_TIMER_FIRED'),
  );
  // The owner delivers while no worker runs; the server holds the update with the due timer.
  const updateId = 'deliver-during-outage';
  const delivery = handle.executeUpdate(eventUpdate, {
    updateId,
    args: [{ event: { type: 'DELIVER', reference: 'Beheerprotocol v1.0' }, actor: tbo }],
  });
  expect(
    await until(
      () => admitted(workflowId, updateId),
      (held) => held,
    ),
  ).toBe(true);

  const secondWorker = await startWorker();
  try {
    const answer = await delivery;
    await outage;
    expect(answer.state).toEqual(['awaitingAcceptance']);
    // The new worker got the fired timer and the update in one workflow task: the case where
    // the SDK hands the update to the workflow before the timer.
    const events = types(await handle.fetchHistory());
    const fired = events.indexOf('EVENT_TYPE_TIMER_FIRED');
    const accepted = events.indexOf('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
    expect(fired).toBeGreaterThan(0);
    expect(events.slice(fired, accepted).filter((e) => e.endsWith('_TASK_COMPLETED'))).toEqual([
      'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
    ]);

    const view = await handle.query(viewQuery);
    const trail = view.history.map((entry) => [entry.event.type, entry.from, entry.to]);
    expect(trail).toEqual([
      ['START', [], ['open.inTime']],
      ['DEADLINE_PASSED', ['open.inTime'], ['open.overdue']],
      ['DELIVER', ['open.overdue'], ['awaitingAcceptance']],
    ]);
    const passedAt = view.history[1]?.at ?? '';
    expect(Date.parse(passedAt)).toBeGreaterThanOrEqual(Date.parse(due));
    expect(view.context).toMatchObject({
      overdueSince: passedAt,
      delivery: { reference: 'Beheerprotocol v1.0', late: true },
    });
    expect(view.deadlines.find((d) => d.id === 'due')).toMatchObject({ due, status: 'metLate' });
    expect(view.summary).toMatch(/te laat/);
    await recordHistory('obligation-outage', handle);
  } finally {
    await secondWorker.stop();
  }
});
