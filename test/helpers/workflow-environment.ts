/**
 * A time-skipping environment with a worker and a webhook receiver, set up around a describe block.
 * Each block gets its own server so that its clock starts where its story starts.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createReminderActivities } from '../../activities/reminder-activities';
import { createTimeSkippingAt } from './time-skipping';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  return bundle;
}

export interface WorkflowTestContext {
  env: TestWorkflowEnvironment;
  webhook: WebhookReceiver;
  taskQueue: string;
  /** Advances workflow time to the given instant. */
  sleepUntil(iso: string): Promise<void>;
}

export function useTimeSkippingEnvironment(
  startTime: string,
  taskQueue: string,
): WorkflowTestContext {
  const context = { taskQueue } as WorkflowTestContext;
  let worker: Worker;
  let workerRun: Promise<void>;
  beforeAll(async () => {
    context.env = await createTimeSkippingAt(startTime);
    context.webhook = await startWebhookReceiver();
    context.sleepUntil = async (iso) => {
      const now = await context.env.currentTimeMs();
      await context.env.sleep(Date.parse(iso) - now);
    };
    worker = await Worker.create({
      connection: context.env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createReminderActivities({
        webhookUrl: context.webhook.url,
        log: () => undefined,
      }),
    });
    workerRun = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await workerRun;
    await context.webhook.close();
    await context.env.teardown();
  });
  return context;
}
