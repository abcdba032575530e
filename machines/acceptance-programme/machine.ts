import { assign, setup } from 'xstate';
import { withOverdue } from '../event-parts';
import type { StateMeta } from '../process-definition';
import type { AcceptanceReport } from '../acceptance/types';
import {
  allowsKnownState,
  bodyOf,
  findProvision,
  isDefinitivelyAccepted,
  isDelivered,
  isSettled,
} from './rules';
import type {
  ProgrammeContext,
  ProgrammeEvent,
  ProgrammeMachineInput,
  ProvisionEntry,
} from './types';

type EventOf<T extends ProgrammeEvent['type']> = Extract<ProgrammeEvent, { type: T }>;

const meta = (value: StateMeta): StateMeta => value;

const updateProvision = (
  context: ProgrammeContext,
  id: string,
  change: (entry: ProvisionEntry) => ProvisionEntry,
): ProvisionEntry[] => context.provisions.map((entry) => (entry.id === id ? change(entry) : entry));

/**
 * The acceptance of DSO-LV as a whole (seed §6.4; DOMAIN.md Process 1). It holds the provisions,
 * starts (or adopts) one acceptance run per provision when the programme reports it ready, and
 * follows each run's reports. Phase 2 opens for every run at once, and only when every provision
 * is delivered (provisionally accepted and transferred). The whole is then put to the OGB Beheer
 * and the TBO once every provision is definitively accepted (in runs on the older rules also when
 * its known state is accepted by both, rules.ts); their definitive acceptance of the whole discharges the programme. In parallel the TBO owes a
 * proposal for an acceptance protocol for extensions (by Q3 2020).
 */
export const programmeMachine = setup({
  types: {
    context: {} as ProgrammeContext,
    events: {} as ProgrammeEvent,
    input: {} as ProgrammeMachineInput,
  },
  guards: {
    readyReportOpen: ({ context, event }) => {
      const e = event as EventOf<'READY_REPORT'>;
      return findProvision(context, e.provision)?.readyReport === null;
    },
    allDelivered: ({ context }) => context.provisions.every(isDelivered),
    knownStateOpen: ({ context, event }) => {
      const e = event as EventOf<'ACCEPT_KNOWN_STATE'>;
      const body = bodyOf(e);
      const entry = findProvision(context, e.provision);
      return (
        allowsKnownState(context) &&
        body !== undefined &&
        entry !== undefined &&
        !isDefinitivelyAccepted(entry) &&
        entry.knownState[body] === undefined
      );
    },
    allSettled: ({ context }) => context.provisions.every((entry) => isSettled(context, entry)),
    wholeAcceptanceOpen: ({ context, event }) => {
      const body = bodyOf(event);
      return body !== undefined && context.wholeAcceptance[body] === undefined;
    },
    wholeAcceptedByBoth: ({ context }) =>
      context.wholeAcceptance.ogb !== undefined && context.wholeAcceptance.tbo !== undefined,
    isDeadline: ({ event }, params: { deadline: string }) =>
      (event as EventOf<'DEADLINE_PASSED'>).deadline === params.deadline,
  },
  actions: {
    recordReadyReport: assign({
      provisions: ({ context, event }) => {
        const e = event as EventOf<'READY_REPORT'>;
        return updateProvision(context, e.provision, (entry) => ({
          ...entry,
          readyReport: {
            at: e.at,
            by: e.actor.id,
            note: e.note,
            ...(e.readyReportedOn ? { readyReportedOn: e.readyReportedOn } : {}),
          },
        }));
      },
    }),
    recordProgress: assign({
      provisions: ({ context, event }) => {
        const e = event as EventOf<'CHILD_PROGRESS'>;
        return updateProvision(context, e.key, (entry) => ({
          ...entry,
          childId: e.childId,
          summary: e.summary,
          report: e.report as AcceptanceReport,
        }));
      },
    }),
    recordKnownState: assign({
      provisions: ({ context, event }) => {
        const e = event as EventOf<'ACCEPT_KNOWN_STATE'>;
        const body = bodyOf(e);
        if (!body) return context.provisions;
        return updateProvision(context, e.provision, (entry) => ({
          ...entry,
          knownState: { ...entry.knownState, [body]: { at: e.at, by: e.actor.id, note: e.note } },
        }));
      },
    }),
    openPhase2: assign({ phase2OpenedAt: ({ event }) => event.at }),
    recordWholeAcceptance: assign({
      wholeAcceptance: ({ context, event }) => {
        const e = event as EventOf<'DEFINITIVELY_ACCEPT_WHOLE'>;
        const body = bodyOf(e);
        if (!body) return context.wholeAcceptance;
        return { ...context.wholeAcceptance, [body]: { at: e.at, by: e.actor.id, note: e.note } };
      },
    }),
    // A defect in the whole voids any acceptance already given: both judge the repaired whole.
    recordWholeDefects: assign(({ context, event }) => {
      const e = event as EventOf<'REPORT_WHOLE_DEFECTS'>;
      return {
        wholeAcceptance: {},
        wholeDefects: [
          ...context.wholeDefects,
          {
            round: context.wholeDefects.length + 1,
            findings: e.findings,
            at: e.at,
            by: e.actor.id,
          },
        ],
      };
    }),
    recordWholeRepaired: assign({
      wholeDefects: ({ context, event }) => {
        const e = event as EventOf<'WHOLE_REPAIRED'>;
        return context.wholeDefects.map((defects, index) =>
          index === context.wholeDefects.length - 1
            ? {
                ...defects,
                repaired: {
                  at: e.at,
                  by: e.actor.id,
                  summary: e.summary,
                  developmentCostCents: e.developmentCostCents,
                },
              }
            : defects,
        );
      },
    }),
    discharge: assign({
      discharge: ({ context }) => {
        const at = Object.values(context.wholeAcceptance)
          .map((a) => a.at)
          .sort()
          .at(-1);
        return at === undefined ? null : { at };
      },
    }),
    recordExtensionProtocol: assign({
      extensionProtocol: ({ event }) => {
        const e = event as EventOf<'EXTENSION_PROTOCOL_PROPOSED'>;
        return { at: e.at, by: e.actor.id, summary: e.summary };
      },
    }),
    markOverdue: assign({
      overdue: ({ context, event }) =>
        withOverdue(context.overdue, (event as EventOf<'DEADLINE_PASSED'>).deadline),
    }),
  },
}).createMachine({
  id: 'acceptanceProgramme',
  type: 'parallel',
  context: ({ input }) => ({
    programme: { id: input.input.programme, name: input.input.name },
    provisions: input.input.provisions.map((p) => ({
      id: p.id,
      name: p.name,
      readyReport: null,
      childId: null,
      summary: null,
      report: null,
      knownState: {},
    })),
    dues: {
      phase1Due: input.input.phase1Due,
      phase2Due: input.input.phase2Due,
      agreementDue: input.input.agreementDue,
      extensionProtocolDue: input.input.extensionProtocolDue,
    },
    phase2OpenedAt: null,
    wholeAcceptance: {},
    wholeDefects: [],
    discharge: null,
    extensionProtocol: null,
    overdue: [],
    olderRules: input.olderRules ?? [],
  }),
  output: ({ context }) => ({
    programme: context.programme,
    discharge: context.discharge,
    wholeAcceptance: context.wholeAcceptance,
    extensionProtocol: context.extensionProtocol,
  }),
  on: { CHILD_PROGRESS: { actions: 'recordProgress' } },
  states: {
    acceptance: {
      initial: 'phase1',
      states: {
        phase1: {
          meta: meta({
            label: 'Fase 1: voorzieningen gereed gemeld en voorlopig geaccepteerd',
            deadline: 'phase1',
          }),
          always: { guard: 'allDelivered', target: 'phase2', actions: 'openPhase2' },
          on: {
            READY_REPORT: { guard: 'readyReportOpen', actions: 'recordReadyReport' },
            DEADLINE_PASSED: {
              guard: { type: 'isDeadline', params: { deadline: 'phase1' } },
              actions: 'markOverdue',
            },
          },
        },
        phase2: {
          meta: meta({ label: 'Fase 2: definitieve acceptatie', deadline: 'phase2' }),
          initial: 'provisions',
          on: {
            DEADLINE_PASSED: {
              guard: { type: 'isDeadline', params: { deadline: 'phase2' } },
              actions: 'markOverdue',
            },
          },
          states: {
            provisions: {
              meta: meta({ label: 'Definitieve acceptatie van de voorzieningen' }),
              always: { guard: 'allSettled', target: 'whole' },
              on: {
                ACCEPT_KNOWN_STATE: { guard: 'knownStateOpen', actions: 'recordKnownState' },
              },
            },
            whole: {
              meta: meta({ label: 'Definitieve acceptatie van DSO-LV als geheel' }),
              always: {
                guard: 'wholeAcceptedByBoth',
                target: '#acceptanceProgramme.acceptance.discharged',
              },
              on: {
                DEFINITIVELY_ACCEPT_WHOLE: {
                  guard: 'wholeAcceptanceOpen',
                  actions: 'recordWholeAcceptance',
                },
                REPORT_WHOLE_DEFECTS: { target: 'wholeRepair', actions: 'recordWholeDefects' },
              },
            },
            wholeRepair: {
              meta: meta({ label: 'Herstel van gebreken in het geheel (ontwikkelkosten)' }),
              on: { WHOLE_REPAIRED: { target: 'whole', actions: 'recordWholeRepaired' } },
            },
          },
        },
        discharged: {
          meta: meta({ label: 'DSO-LV als geheel definitief geaccepteerd; decharge programma' }),
          entry: 'discharge',
          type: 'final',
        },
      },
    },
    extensionProtocol: {
      initial: 'awaited',
      states: {
        awaited: {
          meta: meta({
            label: 'TBO stelt een acceptatieprotocol voor uitbouw voor',
            deadline: 'extensionProtocol',
          }),
          on: {
            EXTENSION_PROTOCOL_PROPOSED: { target: 'proposed', actions: 'recordExtensionProtocol' },
            DEADLINE_PASSED: {
              guard: { type: 'isDeadline', params: { deadline: 'extensionProtocol' } },
              actions: 'markOverdue',
            },
          },
        },
        proposed: {
          meta: meta({ label: 'Acceptatieprotocol voor uitbouw voorgesteld' }),
          type: 'final',
        },
      },
    },
  },
});
