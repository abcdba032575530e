/** The worker that hosts every process kind's workflow and the reminder activity. */
import { readFileSync } from 'node:fs';
import type { PayloadCodec, WorkerDeploymentVersion } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createWorkerActivities } from '../activities/worker-activities';
import type { Logger } from './logger';
import { bundleFreshness, bundleWorkflows, defaultBundlePath } from './workflow-bundle';
import type { ReminderConfig } from './reminder-config';
import { dataConverterWith, type TemporalConnectionOptions } from './temporal-connection';
import { buildIdOf, deploymentOptions, type WorkerDeploymentConfig } from './worker-deployment';

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
  /** The prebuilt workflow bundle; `npm run build` writes dist/workflow-bundle.js. */
  workflowBundlePath?: string;
  /** Worker Versioning; without it the worker is unversioned (any task of the queue is its own). */
  deployment?: Pick<WorkerDeploymentConfig, 'name' | 'buildId'>;
}

/**
 * The prebuilt bundle when it matches the sources; otherwise the workflows bundled here, as before
 * the build made one, and said so: a worker that bundles at start takes seconds and ~100 MB more.
 */
async function workflowCode(
  bundlePath: string,
  logger: Logger,
): Promise<{ codePath: string } | { code: string }> {
  const freshness = bundleFreshness(bundlePath);
  if (freshness.fresh) {
    logger.info(
      { workflowBundle: bundlePath },
      'the worker starts from the prebuilt workflow bundle',
    );
    return { codePath: bundlePath };
  }
  logger.warn(
    { workflowBundle: bundlePath, reason: freshness.reason },
    'no usable prebuilt workflow bundle (npm run build makes one): bundling the workflows at start',
  );
  // Resolves to workflows/index.ts from the sources and to dist/workflows/index.js when built.
  const { code } = await bundleWorkflows(require.resolve('../workflows'));
  return { code };
}

/** The version a versioned worker declares: its build id given, or its bundle's content hash. */
function versionOf(
  deployment: Pick<WorkerDeploymentConfig, 'name' | 'buildId'>,
  code: { codePath: string } | { code: string },
): WorkerDeploymentVersion {
  return {
    deploymentName: deployment.name,
    buildId:
      deployment.buildId ?? buildIdOf('code' in code ? code.code : readFileSync(code.codePath)),
  };
}

export async function createWorker(options: WorkerOptions): Promise<{
  worker: Worker;
  connection: NativeConnection;
  /** Undefined for an unversioned worker. */
  version: WorkerDeploymentVersion | undefined;
}> {
  const code = await workflowCode(
    options.workflowBundlePath ?? defaultBundlePath(),
    options.logger,
  );
  const version = options.deployment && versionOf(options.deployment, code);
  const connection = await NativeConnection.connect(options.connection);
  const worker = await Worker.create({
    connection,
    dataConverter: dataConverterWith(options.payloadCodec),
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: code,
    ...(version ? { workerDeploymentOptions: deploymentOptions(version) } : {}),
    activities: createWorkerActivities({
      ...options.reminders,
      // The notice's processId is the workflow id; named so, it lines up with the SDK's lines.
      log: (message, fields) =>
        options.logger.info({ workflowId: fields.processId, ...fields }, message),
    }),
    shutdownGraceTime: options.shutdownGraceTimeMs,
  });
  return { worker, connection, version };
}
