import { setWorkflowOptions } from '@temporalio/workflow';
import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** Acceptance of one provision (DOMAIN.md, Process 1). */
export async function acceptance(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('acceptance'), input);
}
setWorkflowOptions(LONG_RUNNING, acceptance);
