import { assign, setup } from 'xstate';
import type { Stamp } from '../event-parts';
import { followsRule, type StateMeta } from '../process-definition';
import {
  WAIVE_WHEN_LAPSED_RULE,
  type ObligationContext,
  type ObligationEvent,
  type ObligationMachineInput,
  type ObligationOutput,
} from './types';

type EventOf<T extends ObligationEvent['type']> = Extract<ObligationEvent, { type: T }>;
const meta = (value: StateMeta): StateMeta => value;

const signed = (event: Stamp) => ({
  by: event.actor.id,
  role: event.actor.role,
  at: event.at,
});

/**
 * A dated obligation of the arrangement (DOMAIN.md, "Other dated obligations"): its owner delivers
 * it before the due date — or late, which is recorded —, the receiving body (where there is one)
 * confirms it, and the SBO may waive one the arrangement no longer needs. A moment (the end of a
 * term) is only reached. Who may act is checked by the definition against the run's own owner and
 * recipient; the chart only orders the steps.
 */
export const obligationMachine = setup({
  types: {
    context: {} as ObligationContext,
    events: {} as ObligationEvent,
    input: {} as ObligationMachineInput,
  },
  guards: {
    isMoment: ({ context }) => context.moment,
    hasRecipient: ({ context }) => context.recipient !== null,
    // Only a lapsed obligation is waived: one still in time is the owner's to deliver.
    lapsed: ({ context }) =>
      context.overdueSince !== null || !followsRule(context.olderRules, WAIVE_WHEN_LAPSED_RULE),
    isDeadline: ({ event }, params: { deadline: string }) =>
      (event as EventOf<'DEADLINE_PASSED'>).deadline === params.deadline,
  },
  actions: {
    markOverdue: assign({ overdueSince: ({ event }) => event.at }),
    recordDelivery: assign({
      delivery: ({ context, event }) => {
        const e = event as EventOf<'DELIVER'>;
        return {
          ...signed(e),
          reference: e.reference,
          note: e.note,
          late: context.overdueSince !== null,
        };
      },
    }),
    recordAcceptance: assign({
      acceptance: ({ event }) => {
        const e = event as EventOf<'ACCEPT'>;
        return { ...signed(e), note: e.note };
      },
    }),
    recordWaiver: assign({
      waiver: ({ event }) => {
        const e = event as EventOf<'WAIVE'>;
        return { ...signed(e), reason: e.reason };
      },
    }),
    recordReached: assign({ reachedAt: ({ event }) => event.at }),
  },
}).createMachine({
  id: 'obligation',
  initial: 'routing',
  context: ({ input }) => ({
    obligationKey: input.input.obligationKey,
    title: input.input.title,
    description: input.input.description,
    source: input.input.source,
    owner: input.input.owner,
    recipient: input.input.recipient ?? null,
    due: input.input.due,
    moment: input.input.moment,
    reminderDays: [...input.input.reminderDays],
    overdueSince: null,
    delivery: null,
    acceptance: null,
    waiver: null,
    reachedAt: null,
    olderRules: input.olderRules ?? [],
  }),
  states: {
    routing: {
      always: [{ guard: 'isMoment', target: 'awaitingMoment' }, { target: 'open' }],
    },
    // Both sub-states name the deadline, so a late delivery ends it "metLate" rather than
    // ending it the moment it turns overdue.
    open: {
      meta: meta({ label: 'Open: de eigenaar levert vóór de termijn', deadline: 'due' }),
      initial: 'inTime',
      states: {
        inTime: {
          on: {
            DEADLINE_PASSED: {
              guard: { type: 'isDeadline', params: { deadline: 'due' } },
              target: 'overdue',
              actions: 'markOverdue',
            },
          },
        },
        overdue: {
          meta: meta({ label: 'Termijn verstreken: nog niet geleverd' }),
          tags: ['overdue'],
        },
      },
      on: {
        DELIVER: [
          { guard: 'hasRecipient', target: 'awaitingAcceptance', actions: 'recordDelivery' },
          { target: 'delivered', actions: 'recordDelivery' },
        ],
        WAIVE: { guard: 'lapsed', target: 'waived', actions: 'recordWaiver' },
      },
    },
    awaitingAcceptance: {
      meta: meta({ label: 'Geleverd: wacht op bevestiging door de ontvanger' }),
      on: { ACCEPT: { target: 'accepted', actions: 'recordAcceptance' } },
    },
    awaitingMoment: {
      meta: meta({ label: 'Wacht op het moment', deadline: 'moment' }),
      on: {
        DEADLINE_PASSED: {
          guard: { type: 'isDeadline', params: { deadline: 'moment' } },
          target: 'reached',
          actions: 'recordReached',
        },
        WAIVE: { target: 'waived', actions: 'recordWaiver' },
      },
    },
    delivered: { type: 'final', meta: meta({ label: 'Geleverd' }), tags: ['done'] },
    accepted: {
      type: 'final',
      meta: meta({ label: 'Geleverd en bevestigd door de ontvanger' }),
      tags: ['done'],
    },
    waived: {
      type: 'final',
      meta: meta({ label: 'Vervallen verklaard door de SBO' }),
      tags: ['waived'],
    },
    reached: { type: 'final', meta: meta({ label: 'Moment bereikt' }), tags: ['done'] },
  },
  output: ({ context }): ObligationOutput => {
    const outcome =
      context.waiver !== null
        ? 'waived'
        : context.reachedAt !== null
          ? 'reached'
          : context.acceptance !== null
            ? 'accepted'
            : 'delivered';
    return {
      outcome,
      late: context.delivery?.late ?? false,
      delivery: context.delivery,
      acceptance: context.acceptance,
      waiver: context.waiver,
    };
  },
});
