import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** The annual planning & control cycle of one year (DOMAIN.md, Process 3). */
export async function pcCycle(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('pc-cycle'), input);
}
setWorkflowOptions(LONG_RUNNING, pcCycle);
