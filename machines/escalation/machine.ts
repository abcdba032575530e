import { assign, setup } from 'xstate';
import type { DecisionOutput } from '../decision/types';
import { withOverdue } from '../event-parts';
import type { StateMeta } from '../process-definition';
import {
  origins,
  type EscalationContext,
  type EscalationEvent,
  type EscalationMachineInput,
  type Rung,
} from './types';

type EventOf<T extends EscalationEvent['type']> = Extract<EscalationEvent, { type: T }>;
const meta = (value: StateMeta): StateMeta => value;

const roundOutcome = (event: EscalationEvent) => {
  const e = event as EventOf<'CHILD_DONE'>;
  return e.status === 'completed' ? (e.output as DecisionOutput) : undefined;
};

/**
 * The escalation ladder for one dispute (seed §8.1, §6.2; DOMAIN.md Process 4): disputes in the
 * principal–agent line stay there; disputes around the OGB Beheer go to the BO where its members
 * lack the mandate; the BO consults in rounds towards consensus (each a decision child); then an
 * amicable settlement; then any party may go to the court in The Hague. A resolution at any rung
 * ends the dispute with the agreed outcome.
 */
export const escalationMachine = setup({
  types: {
    context: {} as EscalationContext,
    events: {} as EscalationEvent,
    input: {} as EscalationMachineInput,
  },
  guards: {
    startsAt: ({ context }, params: { rung: Rung }) =>
      origins[context.origin].firstRung === params.rung,
    roundAdopted: ({ event }) => roundOutcome(event)?.outcome === 'adopted',
    roundFailed: ({ event }) => (event as EventOf<'CHILD_DONE'>).status === 'failed',
    roundsLeft: ({ context }) => context.boRounds.length + 1 < context.maxBoRounds,
  },
  actions: {
    /** Ends the current rung and starts the next one, at the moment of the event. */
    enterRung: assign(({ context, event }, params: { rung: Rung }) => {
      const at = (event as EventOf<'MANDATE_LACKING'>).at;
      return {
        rungs: [
          ...context.rungs.map((r, i) =>
            i === context.rungs.length - 1 ? { ...r, endedAt: at } : r,
          ),
          { rung: params.rung, startedAt: at },
        ],
        // A BO rung reached later opens its first round now, not when the dispute began.
        ...(params.rung === 'bo' ? { boRoundStartedAt: at } : {}),
      };
    }),
    resolveAt: assign(({ context, event }, params: { rung: Rung }) => {
      const e = event as EventOf<'RESOLVE'>;
      return {
        resolution: {
          rung: params.rung,
          outcome: e.outcome,
          upholdsProposal: e.upholdsProposal,
          by: e.actor.id,
          at: e.at,
        },
        rungs: context.rungs.map((r, i) =>
          i === context.rungs.length - 1 ? { ...r, endedAt: e.at } : r,
        ),
      };
    }),
    recordRound: assign(({ context, event }) => {
      const e = event as EventOf<'CHILD_DONE'>;
      const output = roundOutcome(event);
      return {
        boAttempts: context.boAttempts + 1,
        boRoundStartedAt: e.at,
        boRounds: output
          ? [
              ...context.boRounds,
              { ...output, decisionId: e.childId, round: context.boRounds.length + 1 },
            ]
          : context.boRounds,
      };
    }),
    resolveByBo: assign(({ context, event }) => {
      const e = event as EventOf<'CHILD_DONE'>;
      return {
        resolution: {
          rung: 'bo' as const,
          outcome: `Consensus in het Bestuurlijk Overleg (${e.childId})`,
          upholdsProposal: true,
          by: e.childId,
          at: e.at,
        },
        rungs: context.rungs.map((r, i) =>
          i === context.rungs.length - 1 ? { ...r, endedAt: e.at } : r,
        ),
      };
    }),
    fileCase: assign({
      courtCase: ({ event }) => {
        const e = event as EventOf<'GO_TO_COURT'>;
        return { filedBy: e.actor.id, at: e.at, note: e.note };
      },
    }),
    markOverdue: assign({
      overdue: ({ context, event }) => {
        return withOverdue(context.overdue, (event as EventOf<'DEADLINE_PASSED'>).deadline);
      },
    }),
  },
}).createMachine({
  id: 'escalation',
  initial: 'routing',
  context: ({ input }) => ({
    disputeKey: input.input.disputeKey,
    subject: input.input.subject,
    description: input.input.description,
    origin: input.input.origin,
    timeBoxDays: input.input.timeBoxDays,
    timeBoxUnit: input.input.timeBoxUnit,
    maxBoRounds: input.input.maxBoRounds,
    rungs: [{ rung: origins[input.input.origin].firstRung, startedAt: input.at }],
    boAttempts: 1,
    boRoundStartedAt: input.at,
    boRounds: [],
    courtCase: null,
    resolution: null,
    overdue: [],
  }),
  on: { DEADLINE_PASSED: { actions: 'markOverdue' } },
  states: {
    routing: {
      always: [
        {
          guard: { type: 'startsAt', params: { rung: 'principalAgent' } },
          target: 'principalAgent',
        },
        { guard: { type: 'startsAt', params: { rung: 'ogb' } }, target: 'ogb' },
        { target: 'bo' },
      ],
    },
    principalAgent: {
      meta: meta({ label: 'In de opdrachtgever–opdrachtnemerlijn', deadline: 'principalAgent' }),
      on: {
        RESOLVE: {
          target: 'resolved',
          actions: { type: 'resolveAt', params: { rung: 'principalAgent' } },
        },
      },
    },
    ogb: {
      meta: meta({ label: 'In het OGB Beheer', deadline: 'ogb' }),
      on: {
        RESOLVE: { target: 'resolved', actions: { type: 'resolveAt', params: { rung: 'ogb' } } },
        MANDATE_LACKING: { target: 'bo', actions: { type: 'enterRung', params: { rung: 'bo' } } },
      },
    },
    bo: {
      meta: meta({ label: 'Bestuurlijk Overleg: consultatie tot consensus', deadline: 'bo' }),
      on: {
        CHILD_DONE: [
          { guard: 'roundAdopted', target: 'resolved', actions: ['recordRound', 'resolveByBo'] },
          // A decision process that failed technically is no round: it is simply held again.
          { guard: 'roundFailed', actions: 'recordRound' },
          { guard: 'roundsLeft', actions: 'recordRound' },
          {
            target: 'settlement',
            actions: ['recordRound', { type: 'enterRung', params: { rung: 'settlement' } }],
          },
        ],
      },
    },
    settlement: {
      meta: meta({ label: 'Minnelijke regeling', deadline: 'settlement' }),
      on: {
        RESOLVE: {
          target: 'resolved',
          actions: { type: 'resolveAt', params: { rung: 'settlement' } },
        },
        SETTLEMENT_FAILED: {
          target: 'court',
          actions: { type: 'enterRung', params: { rung: 'court' } },
        },
      },
    },
    court: {
      meta: meta({ label: 'Elke partij kan naar de bevoegde rechter te Den Haag' }),
      initial: 'open',
      states: {
        open: {
          on: {
            GO_TO_COURT: { target: 'filed', actions: 'fileCase' },
            // Parties can still settle before anyone goes to court, or while the case runs.
            RESOLVE: {
              target: '#escalation.resolved',
              actions: { type: 'resolveAt', params: { rung: 'settlement' } },
            },
          },
        },
        filed: {
          meta: meta({ label: 'Bij de bevoegde rechter te Den Haag' }),
          on: {
            COURT_RULING: {
              target: '#escalation.resolved',
              actions: { type: 'resolveAt', params: { rung: 'court' } },
            },
            RESOLVE: {
              target: '#escalation.resolved',
              actions: { type: 'resolveAt', params: { rung: 'settlement' } },
            },
          },
        },
      },
    },
    resolved: { type: 'final', meta: meta({ label: 'Geschil beëindigd' }), tags: ['resolved'] },
  },
  output: ({ context }) => ({
    resolution: context.resolution,
    rungs: context.rungs,
    boRounds: context.boRounds,
  }),
});
