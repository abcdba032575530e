/** Who may speak for which party at a meeting of the OGB Beheer or the BO (seed §6.2). Pure. */
import type { Actor, Party } from '../actors';
import { wrongParty, wrongRole, type Refusal } from '../refusals';
import type { Chair, DecisionContext } from './types';

export const isChair = (chair: Chair, actor: Actor): boolean =>
  actor.role === chair.role && actor.party === chair.party;

export const isMember = (context: Pick<DecisionContext, 'body'>, actor: Actor): boolean =>
  actor.role === context.body && actor.party !== undefined;

/** The party whose position an event registers, or undefined when it names none. */
export function partySpokenFor(event: {
  type: string;
  actor: Actor;
  onBehalfOf?: Party;
  party?: Party;
}): Party | undefined {
  if (event.type === 'WRITTEN_VOTE') return event.party;
  return event.onBehalfOf ?? event.actor.party;
}

/**
 * Why this actor may not register this position, or undefined when it may: a member speaks for
 * its own government, and for another only with that government's proxy.
 */
export function positionRefusal(
  context: DecisionContext,
  actor: Actor,
  onBehalfOf: Party | undefined,
): Refusal | undefined {
  if (!isMember(context, actor))
    return wrongRole(`only members of the ${context.body.toUpperCase()} take positions`);
  if (onBehalfOf === undefined || onBehalfOf === actor.party) return undefined;
  const proxy = context.proxies[onBehalfOf];
  return proxy?.holder === actor.party
    ? undefined
    : wrongParty(`${String(actor.party)} holds no proxy of ${onBehalfOf}`);
}

/** The chair's acts: another member of the chair's body is the wrong party, anyone else the wrong role. */
export function chairRefusal(chair: Chair, actor: Actor): Refusal | undefined {
  if (isChair(chair, actor)) return undefined;
  const reason = 'only the chair of the meeting';
  return actor.role === chair.role ? wrongParty(reason) : wrongRole(reason);
}
