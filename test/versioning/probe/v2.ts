/** Release 2 of the rolling-upgrade test's workflows: the probe kind, pinned and auto-upgrading. */
import { setWorkflowOptions } from '@temporalio/workflow';
import type { HostInput, ProcessView } from '../../../workflows/contract';
import { hostProcess } from '../../../workflows/statechart-host';
import { LONG_RUNNING, SHORT_LIVED } from '../../../workflows/versioning-behaviour';
import { probeDefinition } from './definition';

export async function probeAuto(input: HostInput): Promise<ProcessView> {
  return hostProcess(probeDefinition('probeAuto', 2), input);
}
setWorkflowOptions(LONG_RUNNING, probeAuto);

export async function probePinned(input: HostInput): Promise<ProcessView> {
  return hostProcess(probeDefinition('probePinned', 2), input);
}
setWorkflowOptions(SHORT_LIVED, probePinned);
