/**
 * Why an actor may not send an event, with the rule it broke: the host passes both on, the API
 * answers 403 with the reason as the detail and the rule as the problem type.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Actor } from './actors';
import { actsForOrganisation, organisationIdOf, organisationLabel } from './organisations';
import type { EventDefinition } from './process-definition';

/**
 * The rules that can refuse an operator's request, as the API's problem type slugs
 * (server/problems.ts): wrong-role, the actor's role does not do this; wrong-party, it does, but
 * not for that one; bound-by-deadline, it must act before the deadline it tries to move;
 * limit-of-the-arrangement, further than the arrangement allows; missing-earlier-step and
 * not-in-proposal, for the charts' own preconditions.
 */
export type RefusalRule =
  | 'wrong-party'
  | 'wrong-role'
  | 'bound-by-deadline'
  | 'limit-of-the-arrangement'
  | 'missing-earlier-step'
  | 'not-in-proposal';

export interface Refusal {
  rule: RefusalRule;
  reason: string;
  /** The payload field that names what is refused, where one does (a 400 lists it in `errors`). */
  field?: string;
}

export const wrongRole = (reason: string): Refusal => ({ rule: 'wrong-role', reason });
export const wrongParty = (reason: string): Refusal => ({ rule: 'wrong-party', reason });
/** A reason in Dutch and in English, as "nl / en"; or one already written so. */
const bilingual = (nl: string, en?: string) => (en === undefined ? nl : `${nl} / ${en}`);

/** The chart needs an earlier step first (409): the reason names it. */
export const missingEarlierStep = (nl: string, en?: string): Refusal => ({
  rule: 'missing-earlier-step',
  reason: bilingual(nl, en),
});

/**
 * The organisation or party named (in the payload's `field`, where one names it) is not part of
 * what this run is about (400).
 */
export const notInProposal = (field: string | undefined, nl: string, en?: string): Refusal => ({
  rule: 'not-in-proposal',
  reason: bilingual(nl, en),
  ...(field === undefined ? {} : { field }),
});

/**
 * An event whose payload names the organisation it is for, which only that organisation's own
 * actor may send (e.g. an OBO's accounts). Where the arrangement gives the act to someone else
 * (the TBO as principal discussing an OBO's accounts), the event has no `actsFor`.
 */
export interface ActsFor {
  /** The organisation the payload names, as given (a name or an id). */
  organisation(payload: Record<string, unknown>): string | undefined;
  /** What the event does for it, for the refusal: "de jaarrekening van Kadaster indienen". */
  act(name: string): { nl: string; en: string };
}

/** The organisation a payload names, by its field. */
export const organisationField =
  (field: string) =>
  (payload: Record<string, unknown>): string | undefined => {
    const value = payload[field];
    return typeof value === 'string' ? value : undefined;
  };

/** Why this actor may not act for the organisation the payload names, or undefined. */
export function actingForRefusal(
  actsFor: ActsFor,
  actor: Actor,
  payload: Record<string, unknown>,
): Refusal | undefined {
  const named = actsFor.organisation(payload);
  if (named === undefined || actsForOrganisation(actor, named)) return undefined;
  const name = organisationLabel(organisationIdOf(named));
  const act = actsFor.act(name);
  return wrongParty(`alleen ${name} zelf mag ${act.nl} / only ${name} may ${act.en}`);
}

/**
 * Whether this actor, whose role may send the event, may send it with this payload now: for its
 * own organisation where the payload names one, and by the definition's own rule. The host and
 * the probing of allowed events both ask here, with the moment the event would carry (`at`).
 * `actsFor: false` is the rule as it was before actors were bound to their organisation (for
 * replaying older histories only).
 */
export function actorRefusal(
  event: EventDefinition,
  snapshot: AnyMachineSnapshot,
  actor: Actor,
  payload: Record<string, unknown>,
  options: { actsFor: boolean; at?: string } = { actsFor: true },
): Refusal | undefined {
  const own =
    options.actsFor && event.actsFor ? actingForRefusal(event.actsFor, actor, payload) : undefined;
  return own ?? event.authorise?.(snapshot, actor, payload, options.at);
}
