import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** The escalation ladder for one dispute, up to the court in The Hague (DOMAIN.md, Process 4). */
export async function escalation(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('escalation'), input);
}
setWorkflowOptions(LONG_RUNNING, escalation);
