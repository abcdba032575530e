import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** The acceptance of DSO-LV as a whole: one acceptance run per provision, then phase 2. */
export async function acceptanceProgramme(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('acceptance-programme'), input);
}
setWorkflowOptions(LONG_RUNNING, acceptanceProgramme);
