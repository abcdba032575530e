import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** A consensus decision of the OGB Beheer or the Bestuurlijk Overleg. */
export async function decision(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('decision'), input);
}
setWorkflowOptions(LONG_RUNNING, decision);
