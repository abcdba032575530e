import { obligationDefinitionFor } from '../machines/obligation/definition';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';

/** A dated obligation of the arrangement, reminded on its own reminder days. */
export async function obligation(input: HostInput): Promise<ProcessView> {
  return hostProcess(obligationDefinitionFor(input.input), input);
}
