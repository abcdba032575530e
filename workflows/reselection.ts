import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** The re-selection of the tactical and operational organisations (DOMAIN.md, Process 2). */
export async function reselection(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('reselection'), input);
}
setWorkflowOptions(LONG_RUNNING, reselection);
