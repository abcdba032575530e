import { setWorkflowOptions } from '@temporalio/workflow';
import type * as Obligation from '../machines/obligation/definition';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';
import { LONG_RUNNING } from './versioning-behaviour';

/** A dated obligation of the arrangement, reminded on its own reminder days. */
export async function obligation(input: HostInput): Promise<ProcessView> {
  // Loaded here, not at the top: see machines/registry.ts.
  const { obligationDefinitionFor } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy import
    require('../machines/obligation/definition') as typeof Obligation;
  return hostProcess(obligationDefinitionFor(input.input), input);
}
setWorkflowOptions(LONG_RUNNING, obligation);
