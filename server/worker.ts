/** The worker that hosts every process kind's workflow and the reminder activity. */
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createReminderActivities } from '../activities/reminder-activities';
import type { Logger } from './logger';
import type { ReminderConfig } from './reminder-config';
import { dataConverterWith, type TemporalConnectionOptions } from './temporal-connection';

export interface WorkerOptions {
  connection: TemporalConnectionOptions;
  /** Seals what the worker sends and refuses what it cannot verify (server/payload-codec.ts). */
  payloadCodec: PayloadCodec;
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
  const connection = await NativeConnection.connect(options.connection);
  const worker = await Worker.create({
    connection,
    dataConverter: dataConverterWith(options.payloadCodec),
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
