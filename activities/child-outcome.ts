/**
 * What a child process that has already completed produced, for a parent that adopts it: a
 * workflow can read only the result of a child it started itself, the worker's client can read
 * any run's.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ProcessView } from '../workflows/contract';

export const CHILD_NOT_COMPLETED = 'ChildNotCompleted';

export interface ChildOutcomeActivities {
  /** The output of the completed run with this workflow id; fails when it did not complete. */
  completedChildOutput(childId: string): Promise<{ output: unknown }>;
}

export function createChildOutcomeActivities(): ChildOutcomeActivities {
  return {
    async completedChildOutput(childId) {
      const handle = Context.current().client.workflow.getHandle(childId);
      const { status } = await handle.describe();
      if (status.name !== 'COMPLETED') {
        throw ApplicationFailure.nonRetryable(
          `the process ${childId} did not complete (${status.name})`,
          CHILD_NOT_COMPLETED,
        );
      }
      const view = (await handle.result()) as ProcessView;
      return { output: view.output ?? null };
    },
  };
}
