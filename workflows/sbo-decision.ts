import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** A decision of the strategic manager in one of the four categories of seed §6.3. */
export async function sboDecision(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('sbo-decision'), input);
}
setWorkflowOptions(LONG_RUNNING, sboDecision);
