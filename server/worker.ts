/** The worker that hosts every process kind's workflow and the reminder activity. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createReminderActivities } from '../activities/reminder-activities';
import type { Logger } from './logger';
import type { ReminderConfig } from './reminder-config';

export interface WorkerOptions {
  address: string;
  tls?: boolean;
  apiKey?: string | undefined;
  namespace: string;
  taskQueue: string;
  reminders: ReminderConfig;
  logger: Logger;
  /** How long in-flight activities may run on after shutdown is asked, in milliseconds. */
  shutdownGraceTimeMs: number;
}

export async function createWorker(
  options: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({
    address: options.address,
    ...(options.tls ? { tls: true } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    // Resolves to workflows/index.ts from the sources and to dist/workflows/index.js when built.
    workflowsPath: require.resolve('../workflows'),
    activities: createReminderActivities({
      ...options.reminders,
      // The notice's processId is the workflow id; named so, it lines up with the SDK's lines.
      log: (message, fields) =>
        options.logger.info({ workflowId: fields.processId, ...fields }, message),
    }),
    shutdownGraceTime: options.shutdownGraceTimeMs,
  });
  return { worker, connection };
}
