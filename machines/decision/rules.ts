/** Who may speak for which party at a meeting of the OGB Beheer or the BO (seed §6.2). Pure. */
import type { Actor, Party } from '../actors';
import {
  amsterdamDate,
  amsterdamMidnight,
  calendarDaysBefore,
  calendarMonthsAfter,
} from '../dutch-time';
import { followsRule } from '../process-definition';
import { wrongParty, wrongRole, type Refusal } from '../refusals';
import type { Chair, DecisionContext } from './types';

/**
 * The rules of issue 14: the second meeting within a month of the day the first was held, no
 * closing before the meeting's date, positions carried over to the second meeting, and the
 * refusals below that name their rule. Runs started before keep the rules they were recorded on.
 */
export const DECISION_RULES_2026_12 = 'decision-rules-2026-12';

export const followsNewRules = (context: Pick<DecisionContext, 'olderRules'>): boolean =>
  followsRule(context.olderRules, DECISION_RULES_2026_12);

/**
 * "aangehouden tot het volgend OGB Beheer dat binnen één maand wordt gehouden" (seed §6.2): by
 * the end of the day one calendar month after the day the first meeting was held (31 January →
 * 28 or 29 February), whenever that day the chair closed it.
 */
export function monthAfterMeetingDay(closedAt: string): string {
  const heldOn = amsterdamMidnight(amsterdamDate(closedAt));
  return calendarDaysBefore(calendarMonthsAfter(heldOn, 1), -1);
}

/** Whether a position for this party may be made known now: once per meeting. */
export function positionOpenFor(context: DecisionContext, party: Party): boolean {
  const given = context.positions[party];
  // A first meeting's position stands at the second, where the party may change it once.
  return given === undefined || (context.round === 2 && given.round === 1);
}

/** The meeting closes only once it has been held: not before its date (new rules). */
export function closingRefusal(
  context: DecisionContext,
  at: string | undefined,
): Refusal | undefined {
  if (!followsNewRules(context) || context.round !== 1 || at === undefined) return undefined;
  if (Date.parse(at) >= Date.parse(context.meetingDate)) return undefined;
  const on = amsterdamDate(context.meetingDate);
  return {
    rule: 'missing-earlier-step',
    reason:
      `de vergadering van ${on} is nog niet gehouden; de voorzitter sluit haar op of na die dag / ` +
      `the meeting of ${on} has not been held yet; the chair closes it on or after that day`,
  };
}

const representedBy = (party: Party, holder: Party): string =>
  `${party} heeft ${holder} gemachtigd; ${holder} brengt het standpunt van ${party} in / ` +
  `${party} gave its proxy to ${holder}, who speaks for ${party}`;

/** A written vote to the chair, not for a party that speaks through its proxy holder. */
export function writtenVoteRefusal(
  context: DecisionContext,
  party: Party | undefined,
): Refusal | undefined {
  const proxy = party === undefined ? undefined : context.proxies[party];
  return party !== undefined && proxy ? wrongParty(representedBy(party, proxy.holder)) : undefined;
}

/**
 * A proxy goes to another party that attends: not to itself, nor to a party that is itself
 * absent (it gave a proxy, or, on the new rules, voted in writing).
 */
export function proxyRefusal(
  context: DecisionContext,
  actor: Actor,
  holder: Party | undefined,
): Refusal | undefined {
  if (holder === undefined) return undefined;
  if (holder === actor.party)
    return wrongParty(
      `${holder} kan zichzelf niet machtigen / ${holder} cannot give its proxy to itself`,
    );
  const ownProxy = context.proxies[holder];
  // A written vote of the first meeting does not make its party absent from the second.
  const inWriting =
    followsNewRules(context) &&
    context.positions[holder]?.how === 'written' &&
    !positionOpenFor(context, holder);
  if (!ownProxy && !inWriting) return undefined;
  const why = ownProxy
    ? {
        nl: `heeft zelf ${ownProxy.holder} gemachtigd`,
        en: `gave its own proxy to ${ownProxy.holder}`,
      }
    : { nl: 'heeft schriftelijk gestemd', en: 'voted in writing' };
  return wrongParty(
    `${holder} is zelf afwezig (${why.nl}) en kan geen machtiging aannemen / ` +
      `${holder} is absent itself (${why.en}) and cannot hold a proxy`,
  );
}

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
  if (onBehalfOf === undefined || onBehalfOf === actor.party) {
    const own = actor.party === undefined ? undefined : context.proxies[actor.party];
    // A party that gave a proxy speaks through its holder (new rules; before, both could).
    return own && actor.party && followsNewRules(context)
      ? wrongParty(representedBy(actor.party, own.holder))
      : undefined;
  }
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
