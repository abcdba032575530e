/**
 * A time-skipping environment with a worker and a webhook receiver, set up around a describe block.
 * Each block gets its own server so that its clock starts where its story starts.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createWorkerActivities } from '../../activities/worker-activities';
import type { RecipientMap } from '../../activities/recipients';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver';
import { createTimeSkippingAt } from '../../server/time-skipping-server';
import { ensureWorkflowBundle } from '../../server/workflow-bundle';
import {
  startWebhookReceiver,
  TEST_WEBHOOK_SECRET,
  type WebhookReceiver,
} from './webhook-receiver';

let bundle: Promise<{ codePath: string }> | undefined;

/**
 * The workflow bundle jest's global set-up built for the run (test/helpers/workflow-bundle-setup.ts);
 * checked against the sources once per test file, and built here if they changed since.
 */
export function workflowBundle(): Promise<{ codePath: string }> {
  bundle ??= ensureWorkflowBundle().then(({ codePath }) => ({ codePath }));
  return bundle;
}

export interface WorkflowTestContext {
  env: TestWorkflowEnvironment;
  webhook: WebhookReceiver;
  /** Set when the worker also mails reminders (options.mailTo). */
  smtp?: SmtpReceiver;
  taskQueue: string;
  /** Advances workflow time to the given instant. */
  sleepUntil(iso: string): Promise<void>;
}

export function useTimeSkippingEnvironment(
  startTime: string,
  taskQueue: string,
  /** Mail reminders too, to a real SMTP server started here, with these recipients. */
  options: { mailTo?: RecipientMap } = {},
): WorkflowTestContext {
  const context = { taskQueue } as WorkflowTestContext;
  let worker: Worker;
  let workerRun: Promise<void>;
  beforeAll(async () => {
    context.env = await createTimeSkippingAt(startTime);
    context.webhook = await startWebhookReceiver();
    if (options.mailTo) context.smtp = await startSmtpReceiver();
    context.sleepUntil = async (iso) => {
      const now = await context.env.currentTimeMs();
      await context.env.sleep(Date.parse(iso) - now);
    };
    worker = await Worker.create({
      connection: context.env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createWorkerActivities({
        webhook: { url: context.webhook.url, secret: TEST_WEBHOOK_SECRET },
        ...(context.smtp && options.mailTo
          ? {
              email: {
                smtp: context.smtp.url,
                from: 'DSO-LV <herinneringen@dso-lv.example>',
                recipients: options.mailTo,
                publicBaseUrl: 'https://dso-lv.example',
              },
            }
          : {}),
        log: () => undefined,
      }),
    });
    workerRun = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await workerRun;
    await context.webhook.close();
    await context.smtp?.close();
    await context.env.teardown();
  });
  return context;
}
