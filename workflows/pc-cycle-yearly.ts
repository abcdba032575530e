/**
 * What the yearly Schedule runs: it starts the P&C cycle of the coming year as a run of its own
 * (`pc-cycle:<year>`, the id operators know), or leaves it alone when it runs or has ended.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, setWorkflowOptions, startChild } from '@temporalio/workflow';
import { amsterdamDate } from '../machines/dutch-time';
import type { HostInput } from './contract';
import { searchAttributes } from './search-attributes';
import { SHORT_LIVED } from './versioning-behaviour';

/** Fired on 1 December, "the coming year" is next year; fired by hand early in a year, this one. */
const LEAD_DAYS = 60;

export interface YearlyStart {
  year: number;
  workflowId: string;
  started: boolean;
}

export async function pcCycleYearly(): Promise<YearlyStart> {
  const year = Number(amsterdamDate(Date.now() + LEAD_DAYS * 86_400_000).slice(0, 4));
  const workflowId = `pc-cycle:${year}`;
  const input: HostInput = {
    input: { year },
    startedBy: { id: 'schedule:pc-cycle-yearly', role: 'system' },
  };
  try {
    await startChild('pc-cycle', {
      workflowId,
      args: [input],
      // The cycle runs its year out whatever happens to this short starter.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      // A year's cycle that ended (or runs) is not started again; only a failed one may be.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      // Attributes that never change are set at the start (the host no longer upserts them).
      typedSearchAttributes: [
        { key: searchAttributes.kind, value: 'pc-cycle' },
        { key: searchAttributes.businessKey, value: String(year) },
      ],
    });
    return { year, workflowId, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { year, workflowId, started: false };
    }
    throw error;
  }
}
setWorkflowOptions(SHORT_LIVED, pcCycleYearly);
