import { decisionDefinition } from '../machines/decision/definition';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';

/** A consensus decision of the OGB Beheer or the Bestuurlijk Overleg. */
export async function decision(input: HostInput): Promise<ProcessView> {
  return hostProcess(decisionDefinition, input);
}
