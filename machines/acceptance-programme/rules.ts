export { bodyOf } from '../acceptance/assessments';
import { followsRule } from '../process-definition';
import type { ProgrammeContext, ProvisionEntry } from './types';

/**
 * Rule revision: "een definitieve acceptatie van de verschillende producten én DSO-LV als geheel"
 * (§6.4). Runs started before it could judge the whole with a provision whose known state both
 * bodies accepted (ACCEPT_KNOWN_STATE), which the arrangement does not have; runs started since
 * need every provision definitively accepted.
 */
export const DEFINITIVE_ACCEPTANCE_ONLY = 'acceptance-programme-definitive-only';

/** Whether this run still has the known-state shortcut (started before the revision). */
export const allowsKnownState = (context: Pick<ProgrammeContext, 'olderRules'>): boolean =>
  !followsRule(context.olderRules, DEFINITIVE_ACCEPTANCE_ONLY);

export const isDelivered = (entry: ProvisionEntry): boolean => entry.report?.delivered === true;

export const isDefinitivelyAccepted = (entry: ProvisionEntry): boolean =>
  entry.report?.definitivelyAccepted === true;

export const isKnownStateAccepted = (entry: ProvisionEntry): boolean =>
  entry.knownState.ogb !== undefined && entry.knownState.tbo !== undefined;

/**
 * The whole may be judged when every provision is definitively accepted; in runs on the older
 * rules also when its known state is accepted by both bodies.
 */
export const isSettled = (context: ProgrammeContext, entry: ProvisionEntry): boolean =>
  isDefinitivelyAccepted(entry) || (allowsKnownState(context) && isKnownStateAccepted(entry));

export function findProvision(context: ProgrammeContext, id: string): ProvisionEntry | undefined {
  return context.provisions.find((entry) => entry.id === id);
}
