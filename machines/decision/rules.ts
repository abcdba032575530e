/** Who may speak for which party at a meeting of the OGB Beheer or the BO (seed §6.2). Pure. */
import type { Actor, Party } from '../actors';
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

/** Why this actor may not register this position, or undefined when it may. */
export function positionRefusal(
  context: DecisionContext,
  actor: Actor,
  onBehalfOf: Party | undefined,
): string | undefined {
  if (!isMember(context, actor))
    return `only members of the ${context.body.toUpperCase()} take positions`;
  if (onBehalfOf === undefined || onBehalfOf === actor.party) return undefined;
  const proxy = context.proxies[onBehalfOf];
  return proxy?.holder === actor.party
    ? undefined
    : `${String(actor.party)} holds no proxy of ${onBehalfOf}`;
}
