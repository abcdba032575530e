import { and, assign, setup } from 'xstate';
import { calendarMonthsAfter } from '../dutch-time';
import { withOverdue } from '../event-parts';
import type { StateMeta } from '../process-definition';
import { followsNewRules, monthAfterMeetingDay, partySpokenFor, positionOpenFor } from './rules';
import {
  allParties,
  type DecisionContext,
  type DecisionEvent,
  type DecisionMachineInput,
  type DecisionOutcome,
  type DecisionOutput,
  type Position,
} from './types';

type EventOf<T extends DecisionEvent['type']> = Extract<DecisionEvent, { type: T }>;
const meta = (value: StateMeta): StateMeta => value;

const given = (context: DecisionContext): Position[] =>
  allParties.flatMap((party) => {
    const position = context.positions[party];
    return position ? [position] : [];
  });
const anyObjection = (context: DecisionContext) =>
  given(context).some((p) => p.position === 'object');
const allAgree = (context: DecisionContext) =>
  allParties.every((party) => context.positions[party]?.position === 'agree');
const silent = (context: DecisionContext) =>
  allParties.filter((party) => !context.positions[party]);
/**
 * Who took part in the meeting under way: made a position known there, in person, by proxy or in
 * writing. On the older rules every position was of this meeting.
 */
const tookPart = (context: DecisionContext) =>
  followsNewRules(context)
    ? given(context).filter((p) => p.round === context.round)
    : given(context);
const absentNow = (context: DecisionContext) =>
  allParties.filter((party) => !tookPart(context).some((p) => p.party === party));
/** Nobody took part in the second meeting: it decides nothing (new rules; before, "rejected"). */
const undecided = (context: DecisionContext) =>
  followsNewRules(context) && context.round === 2 && tookPart(context).length === 0;

function howSpoken(event: EventOf<'POSITION'> | EventOf<'WRITTEN_VOTE'>): Position['how'] {
  if (event.type === 'WRITTEN_VOTE') return 'written';
  return event.onBehalfOf && event.onBehalfOf !== event.actor.party ? 'proxy' : 'present';
}

function outcomeOf(context: DecisionContext): DecisionOutcome {
  if (anyObjection(context)) return 'rejected';
  if (undecided(context)) return 'undecided';
  return given(context).length === 0 ? 'rejected' : 'adopted';
}

/** Set when the first meeting closes: the second within a month of it (seed §6.2). */
function secondMeetingDue(context: DecisionContext, closedAt: string): string | null {
  if (context.round !== 1) return context.secondMeetingDue;
  // Before: a month after the moment the chair closed it, at the same time of day.
  return followsNewRules(context)
    ? monthAfterMeetingDay(closedAt)
    : calendarMonthsAfter(closedAt, 1);
}

/** Both meetings: an objection or four agreements decide at once. */
const decidedOnTheSpot = [
  { guard: 'anyObjection', target: 'rejected', actions: 'decide' },
  { guard: 'allAgree', target: 'adopted', actions: 'decide' },
] as const;

/** Both meetings: how parties make their position known. */
const takingPositions = {
  AUTHORISE_PROXY: { guard: 'proxyOpen', actions: 'recordProxy' },
  POSITION: { guard: 'positionOpen', actions: 'recordPosition' },
  WRITTEN_VOTE: { guard: 'writtenVoteOpen', actions: 'recordPosition' },
} as const;

/**
 * A consensus decision of the OGB Beheer or the Bestuurlijk Overleg (seed §6.2; DOMAIN.md,
 * "Meeting and decision rules"). Every party agrees → adopted; an objection → rejected (no
 * consensus). A party that is absent and gave neither a proxy nor a written vote makes the chair
 * postpone the decision to the next meeting, to be held within one month; there the parties
 * present decide, the first meeting's positions standing unless changed, and the decision binds
 * the absent party too. Nobody present there: undecided (rules in rules.ts, DECISIONS.md).
 */
export const decisionMachine = setup({
  types: {
    context: {} as DecisionContext,
    events: {} as DecisionEvent,
    input: {} as DecisionMachineInput,
    output: {} as DecisionOutput,
  },
  guards: {
    anyObjection: ({ context }) => anyObjection(context),
    allAgree: ({ context }) => allAgree(context),
    positionOpen: ({ context, event }) => {
      const party = partySpokenFor(event);
      if (party === undefined || !positionOpenFor(context, party)) return false;
      // A party that gave a proxy speaks through its holder, not itself as well (new rules).
      const own = event.type === 'POSITION' && party === event.actor.party;
      return !(own && followsNewRules(context) && context.proxies[party] !== undefined);
    },
    // A party that gave a proxy speaks through its proxy holder, not in writing as well.
    writtenVoteOpen: ({ context, event }) => {
      const party = partySpokenFor(event);
      return (
        party !== undefined &&
        positionOpenFor(context, party) &&
        context.proxies[party] === undefined
      );
    },
    proxyOpen: ({ context, event }) => {
      const e = event as EventOf<'AUTHORISE_PROXY'>;
      const party = e.actor.party;
      // A holder that voted in writing at this meeting is absent itself (new rules).
      const holderWrote =
        followsNewRules(context) &&
        context.positions[e.holder]?.how === 'written' &&
        !positionOpenFor(context, e.holder);
      return (
        party !== undefined &&
        party !== e.holder &&
        positionOpenFor(context, party) &&
        context.proxies[party] === undefined &&
        context.proxies[e.holder] === undefined &&
        !holderWrote
      );
    },
    someoneSilent: ({ context }) => silent(context).length > 0,
    // "wordt de besluitvorming aangehouden": only a meeting that was held can postpone (new rules).
    meetingHeld: ({ context, event }) =>
      !followsNewRules(context) ||
      Date.parse((event as EventOf<'CLOSE_MEETING'>).at) >= Date.parse(context.meetingDate),
    someonePresent: ({ context }) => tookPart(context).length > 0,
    followsNewRules: ({ context }) => followsNewRules(context),
  },
  actions: {
    recordProxy: assign({
      proxies: ({ context, event }) => {
        const e = event as EventOf<'AUTHORISE_PROXY'>;
        return e.actor.party
          ? { ...context.proxies, [e.actor.party]: { holder: e.holder, at: e.at } }
          : context.proxies;
      },
    }),
    recordPosition: assign({
      positions: ({ context, event }) => {
        const e = event as EventOf<'POSITION'> | EventOf<'WRITTEN_VOTE'>;
        const party = partySpokenFor(e);
        if (!party) return context.positions;
        const position: Position = {
          party,
          position: e.position,
          how: howSpoken(e),
          by: e.actor.id,
          at: e.at,
          note: e.note,
          round: context.round,
        };
        return { ...context.positions, [party]: position };
      },
    }),
    closeMeeting: assign(({ context, event }) => {
      const e = event as EventOf<'CLOSE_MEETING'>;
      return {
        meetings: [
          ...context.meetings,
          {
            round: context.round,
            closedAt: e.at,
            closedBy: e.actor.id,
            positions: given(context),
            absent: absentNow(context),
            note: e.note,
          },
        ],
        secondMeetingDue: secondMeetingDue(context, e.at),
      };
    }),
    // Proxies were given for the first meeting's impediment; its positions stand (new rules).
    openSecondMeeting: assign(({ context }) => ({
      round: 2 as const,
      positions: followsNewRules(context) ? context.positions : {},
      proxies: {},
    })),
    decide: assign(({ context, event }) => {
      const at = 'at' in event ? event.at : context.meetingDate;
      return {
        outcome: outcomeOf(context),
        finalPositions: given(context),
        boundAbsent: context.round === 2 && !undecided(context) ? silent(context) : [],
        decidedAt: at,
      };
    }),
    markOverdue: assign({
      overdue: ({ context, event }) => {
        const deadline = (event as EventOf<'DEADLINE_PASSED'>).deadline;
        if (deadline !== 'meeting' && deadline !== 'secondMeeting') return context.overdue;
        return withOverdue(context.overdue, deadline);
      },
    }),
  },
}).createMachine({
  id: 'decision',
  initial: 'firstMeeting',
  context: ({ input }) => ({
    decisionKey: input.input.decisionKey,
    body: input.input.body,
    subject: input.input.subject,
    proposal: input.input.proposal,
    meetingDate: input.input.meetingDate,
    chair: input.input.chair,
    round: 1,
    proxies: {},
    positions: {},
    meetings: [],
    secondMeetingDue: null,
    outcome: null,
    finalPositions: [],
    boundAbsent: [],
    decidedAt: null,
    overdue: [],
    olderRules: input.olderRules ?? [],
  }),
  on: { DEADLINE_PASSED: { actions: 'markOverdue' } },
  states: {
    firstMeeting: {
      meta: meta({ label: 'Vergadering: standpunten van de partijen', deadline: 'meeting' }),
      always: decidedOnTheSpot,
      on: {
        ...takingPositions,
        CLOSE_MEETING: {
          guard: and(['someoneSilent', 'meetingHeld']),
          target: 'postponed',
          actions: 'closeMeeting',
        },
      },
    },
    postponed: {
      meta: meta({
        label: 'Aangehouden tot de volgende vergadering (binnen één maand)',
        deadline: 'secondMeeting',
      }),
      on: { OPEN_SECOND_MEETING: { target: 'secondMeeting', actions: 'openSecondMeeting' } },
    },
    secondMeeting: {
      meta: meta({
        label: 'Tweede vergadering: de aanwezige partijen besluiten',
        deadline: 'secondMeeting',
      }),
      always: decidedOnTheSpot,
      on: {
        ...takingPositions,
        CLOSE_MEETING: [
          { guard: 'someonePresent', target: 'adopted', actions: ['closeMeeting', 'decide'] },
          // No party present at the second meeting: nothing can be decided.
          { guard: 'followsNewRules', target: 'undecided', actions: ['closeMeeting', 'decide'] },
          { target: 'rejected', actions: ['closeMeeting', 'decide'] },
        ],
      },
    },
    adopted: { type: 'final', meta: meta({ label: 'Besloten: consensus' }), tags: ['decided'] },
    rejected: { type: 'final', meta: meta({ label: 'Geen consensus' }), tags: ['noConsensus'] },
    undecided: {
      type: 'final',
      meta: meta({ label: 'Niet besloten: geen partij aanwezig in de tweede vergadering' }),
      tags: ['noConsensus', 'undecided'],
    },
  },
  output: ({ context }) => ({
    outcome: context.outcome ?? 'rejected',
    body: context.body,
    subject: context.subject,
    postponed: context.round === 2,
    positions: context.finalPositions,
    boundAbsent: context.boundAbsent,
    decidedAt: context.decidedAt ?? context.meetingDate,
  }),
});
