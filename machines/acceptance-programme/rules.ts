export { bodyOf } from '../acceptance/assessments';
import type { ProgrammeContext, ProvisionEntry } from './types';

export const isDelivered = (entry: ProvisionEntry): boolean => entry.report?.delivered === true;

export const isDefinitivelyAccepted = (entry: ProvisionEntry): boolean =>
  entry.report?.definitivelyAccepted === true;

export const isKnownStateAccepted = (entry: ProvisionEntry): boolean =>
  entry.knownState.ogb !== undefined && entry.knownState.tbo !== undefined;

/** Phase 2 for the whole may start when every provision is accepted, or its known state is. */
export const isSettled = (entry: ProvisionEntry): boolean =>
  isDefinitivelyAccepted(entry) || isKnownStateAccepted(entry);

export function findProvision(context: ProgrammeContext, id: string): ProvisionEntry | undefined {
  return context.provisions.find((entry) => entry.id === id);
}
