import { definitionOf } from '../machines/registry';
import type { HostInput, ProcessView } from './contract';
import { hostProcess } from './statechart-host';

/** Acceptance of one provision (DOMAIN.md, Process 1). */
export async function acceptance(input: HostInput): Promise<ProcessView> {
  return hostProcess(definitionOf('acceptance'), input);
}
