/**
 * Worker Versioning: the deployment version a worker declares, and making a version current.
 *
 * A version is the deployment's name and a build id. The build id defaults to the workflow
 * bundle's content hash: two workers that run the same workflow code are the same version, and a
 * change of any workflow, machine or library file in the bundle is a new one, without anyone
 * having to remember to bump a number. Behaviours per kind: docs/DECISIONS.md, "Worker Versioning".
 */
import { createHash } from 'node:crypto';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import type { NativeConnection, WorkerDeploymentOptions } from '@temporalio/worker';

export interface WorkerDeploymentConfig {
  /** WORKER_DEPLOYMENT_NAME: the logical service, the same across releases. */
  name: string;
  /** WORKER_BUILD_ID; undefined: the bundle's content hash. */
  buildId: string | undefined;
  /** WORKER_SET_CURRENT_VERSION: make this version current once the worker polls. */
  setCurrent: boolean;
}

/** The build id of a workflow bundle: its SHA-256, shortened (Temporal shows it in every list). */
export const buildIdOf = (bundle: string | Buffer): string =>
  `wf-${createHash('sha256').update(bundle).digest('hex').slice(0, 20)}`;

/**
 * The long-running kinds follow new versions (AUTO_UPGRADE) and keep older runs replaying with
 * `patched()`; the workflow types that end within a task or two say PINNED themselves.
 */
export const DEFAULT_VERSIONING_BEHAVIOR = 'AUTO_UPGRADE' as const;

export function deploymentOptions(version: WorkerDeploymentVersion): WorkerDeploymentOptions {
  return {
    version,
    useWorkerVersioning: true,
    defaultVersioningBehavior: DEFAULT_VERSIONING_BEHAVIOR,
  };
}

type WorkflowService = NativeConnection['workflowService'];

/** gRPC's NOT_FOUND and FAILED_PRECONDITION: the version's first poll has not registered it yet. */
const notRegisteredYet = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 5 || error.code === 9);

export interface SetCurrentOptions {
  namespace: string;
  version: WorkerDeploymentVersion;
  /** Who made the change, in the deployment's record (`lastModifierIdentity`). */
  identity: string;
  /** How long to wait for the version's pollers to be registered, in milliseconds. */
  timeoutMs?: number;
}

/**
 * Makes the version the deployment's current one: new runs start on it and AUTO_UPGRADE runs move
 * to it at their next task. The server takes it only once a worker of that version has polled, so
 * this waits for that (a worker calls it right after it starts to run).
 */
export async function setCurrentVersion(
  service: WorkflowService,
  options: SetCurrentOptions,
): Promise<{ previous: WorkerDeploymentVersion | undefined }> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    try {
      const answer = await service.setWorkerDeploymentCurrentVersion({
        namespace: options.namespace,
        deploymentName: options.version.deploymentName,
        buildId: options.version.buildId,
        identity: options.identity,
      });
      const previous = answer.previousDeploymentVersion;
      return {
        previous:
          previous?.buildId && previous.deploymentName
            ? { buildId: previous.buildId, deploymentName: previous.deploymentName }
            : undefined,
      };
    } catch (error) {
      if (!notRegisteredYet(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
