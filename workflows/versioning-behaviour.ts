/**
 * Worker Versioning behaviour per workflow type (docs/DECISIONS.md, "Worker Versioning"). Each
 * binding says its own, so the choice is read where the kind is, not only in the worker's default.
 *
 * Said only to a versioned worker: Temporal refuses a workflow task that names a behaviour from a
 * worker without a deployment version, and workers stay unversioned unless WORKER_DEPLOYMENT_NAME
 * is set. The options are read once, as a run's code starts on a worker; the version is the one
 * that took the run's first task, on replay too, so the answer never changes within a run.
 */
import type { VersioningBehavior, WorkflowDefinitionOptions } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';

const onVersionedWorkers =
  (versioningBehavior: VersioningBehavior) => (): WorkflowDefinitionOptions =>
    // An unversioned worker reports a build id of its own, but no deployment name.
    workflowInfo().currentDeploymentVersion?.deploymentName ? { versioningBehavior } : {};

/**
 * Runs that last weeks to years and continue as new only when their history grows long: pinned,
 * they would hold every release's workers for years. They move to each new version at their next
 * task, and changes that would alter a recorded history are guarded by `patched()`.
 */
export const LONG_RUNNING = onVersionedWorkers('AUTO_UPGRADE');

/** Runs that end within a task or two: they finish on the code they started on, no patch needed. */
export const SHORT_LIVED = onVersionedWorkers('PINNED');
