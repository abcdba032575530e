import { assign, setup } from 'xstate';
import type { DecisionOutput } from '../decision/types';
import type { StateMeta } from '../process-definition';
import { otherGovernments } from './decision-types';
import type { SboDecisionContext, SboDecisionEvent, SboDecisionMachineInput } from './types';

type EventOf<T extends SboDecisionEvent['type']> = Extract<SboDecisionEvent, { type: T }>;
const meta = (value: StateMeta): StateMeta => value;

const consensusOf = (event: SboDecisionEvent): DecisionOutput | undefined => {
  const e = event as EventOf<'CHILD_DONE'>;
  return e.status === 'completed' ? (e.output as DecisionOutput) : undefined;
};

/**
 * A decision of the strategic manager (SBO), in the category that fixes how the other governments
 * are involved (seed §6.3): (1) consensus in the OGB Beheer, taken by a decision child process;
 * (2) consultation with a response deadline, then the SBO decides with objections recorded;
 * (3) the SBO decides and the other governments are notified; (4) the SBO decides, recorded only.
 */
export const sboDecisionMachine = setup({
  types: {
    context: {} as SboDecisionContext,
    events: {} as SboDecisionEvent,
    input: {} as SboDecisionMachineInput,
  },
  guards: {
    category: ({ context }, params: { category: number }) => context.category === params.category,
    consensusReached: ({ event }) => consensusOf(event)?.outcome === 'adopted',
    childFailed: ({ event }) => (event as EventOf<'CHILD_DONE'>).status === 'failed',
    responseOpen: ({ context, event }) => {
      const party = (event as EventOf<'RESPOND'>).actor.party;
      return party !== undefined && context.responses[party] === undefined;
    },
    allResponded: ({ context }) => otherGovernments.every((party) => context.responses[party]),
    isConsultationDeadline: ({ event }) =>
      (event as EventOf<'DEADLINE_PASSED'>).deadline === 'consultation',
  },
  actions: {
    recordConsensus: assign({
      consensus: ({ event }) => {
        const e = event as EventOf<'CHILD_DONE'>;
        const output = consensusOf(event);
        return output ? { ...output, decisionId: e.childId } : null;
      },
    }),
    adoptByConsensus: assign({
      decision: ({ event }) => {
        const e = event as EventOf<'CHILD_DONE'>;
        return {
          decision: 'adopt' as const,
          note: 'consensus in het OGB Beheer',
          by: e.childId,
          at: e.at,
        };
      },
    }),
    needEscalation: assign({ escalationNeeded: true }),
    recordResponse: assign({
      responses: ({ context, event }) => {
        const e = event as EventOf<'RESPOND'>;
        if (!e.actor.party) return context.responses;
        return {
          ...context.responses,
          [e.actor.party]: {
            party: e.actor.party,
            position: e.position,
            note: e.note,
            by: e.actor.id,
            at: e.at,
          },
        };
      },
    }),
    closeConsultation: assign({ consultationClosed: true }),
    recordDecision: assign({
      decision: ({ event }) => {
        const e = event as EventOf<'DECIDE'>;
        return { decision: e.decision, note: e.note, by: e.actor.id, at: e.at };
      },
    }),
  },
}).createMachine({
  id: 'sboDecision',
  initial: 'routing',
  context: ({ input }) => ({
    decisionKey: input.input.decisionKey,
    subject: input.input.subject,
    proposal: input.input.proposal,
    decisionType: input.input.decisionType,
    category: input.input.category,
    meetingDate: input.input.meetingDate ?? null,
    responseDue: input.input.responseDue ?? null,
    responses: {},
    consultationClosed: false,
    consensus: null,
    decision: null,
    notify: input.input.category === 3 ? [...otherGovernments] : [],
    escalationNeeded: false,
  }),
  states: {
    routing: {
      always: [
        { guard: { type: 'category', params: { category: 1 } }, target: 'consensus' },
        { guard: { type: 'category', params: { category: 2 } }, target: 'consultation' },
        { target: 'deciding' },
      ],
    },
    consensus: {
      meta: meta({ label: 'Consensus in het OGB Beheer (besluitproces)' }),
      on: {
        CHILD_DONE: [
          // A decision process that failed or was terminated is no verdict of the OGB Beheer.
          { guard: 'childFailed', target: 'decisionFailed' },
          {
            guard: 'consensusReached',
            target: 'decided',
            actions: ['recordConsensus', 'adoptByConsensus'],
          },
          { target: 'noConsensus', actions: ['recordConsensus', 'needEscalation'] },
        ],
      },
    },
    consultation: {
      meta: meta({ label: 'Afstemming met de andere overheden', deadline: 'consultation' }),
      always: { guard: 'allResponded', target: 'deciding', actions: 'closeConsultation' },
      on: {
        RESPOND: { guard: 'responseOpen', actions: 'recordResponse' },
        DEADLINE_PASSED: {
          guard: 'isConsultationDeadline',
          target: 'deciding',
          actions: 'closeConsultation',
        },
      },
    },
    deciding: {
      meta: meta({ label: 'De SBO besluit' }),
      on: { DECIDE: { target: 'decided', actions: 'recordDecision' } },
    },
    decided: { type: 'final', meta: meta({ label: 'Besloten' }), tags: ['decided'] },
    decisionFailed: {
      type: 'final',
      meta: meta({ label: 'Besluitproces mislukt: opnieuw starten' }),
      tags: ['needsAttention'],
    },
    noConsensus: {
      type: 'final',
      meta: meta({ label: 'Geen consensus: escalatie nodig' }),
      tags: ['escalationNeeded'],
    },
  },
  output: ({ context }) => ({
    category: context.category,
    decision: context.decision,
    consensus: context.consensus,
    responses: Object.values(context.responses),
    notify: context.notify,
    escalationNeeded: context.escalationNeeded,
  }),
});
