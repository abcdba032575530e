import { assign, setup } from 'xstate';
import { calendarMonthsAfter } from '../dutch-time';
import { withOverdue } from '../event-parts';
import type { StateMeta } from '../process-definition';
import { partySpokenFor } from './rules';
import {
  allParties,
  type DecisionContext,
  type DecisionEvent,
  type DecisionMachineInput,
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

function howSpoken(event: EventOf<'POSITION'> | EventOf<'WRITTEN_VOTE'>): Position['how'] {
  if (event.type === 'WRITTEN_VOTE') return 'written';
  return event.onBehalfOf && event.onBehalfOf !== event.actor.party ? 'proxy' : 'present';
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
 * present decide, and the decision binds the absent party too.
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
      return party !== undefined && context.positions[party] === undefined;
    },
    // A party that gave a proxy speaks through its proxy holder, not in writing as well.
    writtenVoteOpen: ({ context, event }) => {
      const party = partySpokenFor(event);
      return (
        party !== undefined &&
        context.positions[party] === undefined &&
        context.proxies[party] === undefined
      );
    },
    proxyOpen: ({ context, event }) => {
      const e = event as EventOf<'AUTHORISE_PROXY'>;
      const party = e.actor.party;
      return (
        party !== undefined &&
        party !== e.holder &&
        context.positions[party] === undefined &&
        context.proxies[party] === undefined &&
        context.proxies[e.holder] === undefined
      );
    },
    someoneSilent: ({ context }) => silent(context).length > 0,
    someonePresent: ({ context }) => given(context).length > 0,
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
            absent: silent(context),
            note: e.note,
          },
        ],
        secondMeetingDue:
          context.round === 1 ? calendarMonthsAfter(e.at, 1) : context.secondMeetingDue,
      };
    }),
    openSecondMeeting: assign({ round: 2 as const, positions: {}, proxies: {} }),
    decide: assign(({ context, event }) => {
      const at = 'at' in event ? event.at : context.meetingDate;
      return {
        outcome:
          anyObjection(context) || given(context).length === 0
            ? ('rejected' as const)
            : ('adopted' as const),
        finalPositions: given(context),
        boundAbsent: context.round === 2 ? silent(context) : [],
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
  }),
  on: { DEADLINE_PASSED: { actions: 'markOverdue' } },
  states: {
    firstMeeting: {
      meta: meta({ label: 'Vergadering: standpunten van de partijen', deadline: 'meeting' }),
      always: decidedOnTheSpot,
      on: {
        ...takingPositions,
        CLOSE_MEETING: { guard: 'someoneSilent', target: 'postponed', actions: 'closeMeeting' },
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
          { target: 'rejected', actions: ['closeMeeting', 'decide'] },
        ],
      },
    },
    adopted: { type: 'final', meta: meta({ label: 'Besloten: consensus' }), tags: ['decided'] },
    rejected: { type: 'final', meta: meta({ label: 'Geen consensus' }), tags: ['noConsensus'] },
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
