/** What Temporal records about versions: where a run stands, and whether a version has drained. */
import type { Client } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export interface RunVersioning {
  buildId: string | undefined;
  behavior: 'PINNED' | 'AUTO_UPGRADE' | 'UNSPECIFIED';
}

const behaviours = {
  [temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_PINNED]: 'PINNED',
  [temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_AUTO_UPGRADE]: 'AUTO_UPGRADE',
} as const;

/** The version whose worker completed the run's last workflow task, and its behaviour. */
export async function runVersioning(client: Client, workflowId: string): Promise<RunVersioning> {
  // Raw: nothing in it is decoded, so a client without the payload keys can read it too.
  const raw = await client.workflowService.describeWorkflowExecution({
    namespace: client.options.namespace,
    execution: { workflowId },
  });
  const info = raw.workflowExecutionInfo?.versioningInfo;
  const behavior = info?.behavior;
  return {
    buildId: info?.deploymentVersion?.buildId ?? undefined,
    behavior:
      behavior === temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_PINNED ||
      behavior === temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_AUTO_UPGRADE
        ? behaviours[behavior]
        : 'UNSPECIFIED',
  };
}

export type Drainage = 'DRAINING' | 'DRAINED' | 'UNSPECIFIED';

/** Whether open pinned runs still need the version's workers (DRAINING) or none do (DRAINED). */
export async function drainageOf(
  client: Client,
  version: WorkerDeploymentVersion,
): Promise<Drainage> {
  const answer = await client.workflowService.describeWorkerDeploymentVersion({
    namespace: client.options.namespace,
    deploymentVersion: version,
  });
  const status = answer.workerDeploymentVersionInfo?.drainageInfo?.status;
  const { VERSION_DRAINAGE_STATUS_DRAINING, VERSION_DRAINAGE_STATUS_DRAINED } =
    temporal.api.enums.v1.VersionDrainageStatus;
  if (status === VERSION_DRAINAGE_STATUS_DRAINING) return 'DRAINING';
  if (status === VERSION_DRAINAGE_STATUS_DRAINED) return 'DRAINED';
  return 'UNSPECIFIED';
}
