import { assign, setup } from 'xstate';
import type { StateMeta } from '../process-definition';
import { assessments, bodyOf, type Assessment } from './assessments';
import { amsterdamDate, amsterdamMidnight } from '../dutch-time';
import type {
  AcceptanceContext,
  AcceptanceEvent,
  AcceptanceMachineInput,
  ManagementCosts,
  Verdict,
} from './types';

type EventOf<T extends AcceptanceEvent['type']> = Extract<AcceptanceEvent, { type: T }>;

function emptyVerdicts(): AcceptanceContext['verdicts'] {
  return Object.fromEntries(assessments.map((a) => [a, {}])) as AcceptanceContext['verdicts'];
}

function rejectedAssessments(context: AcceptanceContext): Assessment[] {
  return assessments.filter((a) =>
    Object.values(context.verdicts[a]).some((verdict) => verdict.outcome === 'negative'),
  );
}

function roundComplete(context: AcceptanceContext): boolean {
  return assessments.every(
    (a) => context.verdicts[a].ogb !== undefined && context.verdicts[a].tbo !== undefined,
  );
}

function allPositive(context: AcceptanceContext): boolean {
  return assessments.every(
    (a) =>
      context.verdicts[a].ogb?.outcome === 'positive' &&
      context.verdicts[a].tbo?.outcome === 'positive',
  );
}

const meta = (value: StateMeta): StateMeta => value;

function managementCostsAtStart(input: AcceptanceMachineInput): ManagementCosts {
  const reportedOn = input.input.readyReportedOn;
  const start = input.input.arrangementStart;
  if (reportedOn !== undefined && reportedOn < start) {
    return {
      countFrom: 'readyReport',
      since: amsterdamMidnight(reportedOn),
      reason: `gereed gemeld op ${reportedOn}, vóór ${start} (verstreken periode, §7.2)`,
    };
  }
  return {
    countFrom: 'ogbAcceptance',
    since: null,
    reason: 'vanaf de acceptatie door het OGB Beheer (toekomstige periode, §7.2)',
  };
}

/**
 * One round of assessment as both phases run it: four assessments, a verdict of each body on
 * each; any defect goes back to the developer (development cost) and the programme reports the
 * repair ready again; when all eight verdicts are positive the bodies accept, each for itself.
 */
function assessmentCycle(acceptance: 'provisionalAcceptance' | 'definitiveAcceptance') {
  return {
    assessment: {
      meta: meta({ label: 'Beoordeling door OGB Beheer en TBO' }),
      always: [
        { guard: 'roundRejected', target: 'repair', actions: 'sendBackForRepair' },
        { guard: 'allPositive', target: acceptance },
      ],
      on: { VERDICT: { guard: 'verdictOpen', actions: 'recordVerdict' } },
    },
    repair: {
      meta: meta({ label: 'Herstel door de ontwikkelpartij (ontwikkelkosten)' }),
      on: {
        REPAIR_DELIVERED: { target: 'resubmission', actions: 'recordRepairDelivered' },
      },
    },
    resubmission: {
      meta: meta({ label: 'Opnieuw gereedmelden door het programma' }),
      on: { RESUBMIT: { target: 'assessment', actions: 'reopenRejectedAssessments' } },
    },
  } as const;
}

/**
 * Acceptance of one provision, both phases (seed §6.4 "Het acceptatieproces"; DOMAIN.md Process 1).
 * The ready report starts the run; the OGB Beheer fixes the criteria after hearing the TBO; four
 * assessments each need a verdict of the OGB Beheer and of the TBO; once all eight are in, any
 * negative verdict sends the provision back for repair (development cost) with every defect found,
 * and the resubmission re-opens the rejected assessments. Eight positive verdicts lead to
 * provisional acceptance by both bodies, the transfer and provisional operational management.
 * Phase 2 opens only when the programme has every provision delivered (PHASE2_OPENED, sent by the
 * acceptance-programme run); the same cycle then ends in definitive acceptance by both bodies,
 * which discharges the programme for this provision and marks the transfer moment. In parallel the
 * TBO prepares, then finalises and records, the agreement with the operational manager.
 */
export const acceptanceMachine = setup({
  types: {
    context: {} as AcceptanceContext,
    events: {} as AcceptanceEvent,
    input: {} as AcceptanceMachineInput,
  },
  guards: {
    criteriaAdvised: ({ context }) => context.criteriaAdvice !== null,
    verdictOpen: ({ context, event }) => {
      const e = event as EventOf<'VERDICT'>;
      const body = bodyOf(e);
      return body !== undefined && context.verdicts[e.assessment][body] === undefined;
    },
    // Both bodies judge every assessment before anything goes back, so the developer receives
    // every defect found in the round at once.
    roundRejected: ({ context }) =>
      roundComplete(context) && rejectedAssessments(context).length > 0,
    allPositive: ({ context }) => allPositive(context),
    provisionalAcceptanceOpen: ({ context, event }) => {
      const body = bodyOf(event);
      return body !== undefined && context.provisionalAcceptance[body] === undefined;
    },
    bothAcceptedProvisionally: ({ context }) =>
      context.provisionalAcceptance.ogb !== undefined &&
      context.provisionalAcceptance.tbo !== undefined,
    definitiveAcceptanceOpen: ({ context, event }) => {
      const body = bodyOf(event);
      return body !== undefined && context.definitiveAcceptance[body] === undefined;
    },
    bothAcceptedDefinitively: ({ context }) =>
      context.definitiveAcceptance.ogb !== undefined &&
      context.definitiveAcceptance.tbo !== undefined,
    isPhase1Deadline: ({ event }) => (event as EventOf<'DEADLINE_PASSED'>).deadline === 'phase1',
    isPhase2Deadline: ({ event }) => (event as EventOf<'DEADLINE_PASSED'>).deadline === 'phase2',
    isAgreementDeadline: ({ event }) =>
      (event as EventOf<'DEADLINE_PASSED'>).deadline === 'agreement',
  },
  actions: {
    recordAdvice: assign({
      criteriaAdvice: ({ event }) => {
        const e = event as EventOf<'CRITERIA_ADVICE'>;
        return { at: e.at, by: e.actor.id, advice: e.advice };
      },
    }),
    fixCriteria: assign({
      criteria: ({ event }) => {
        const e = event as EventOf<'FIX_CRITERIA'>;
        return { at: e.at, by: e.actor.id, perAssessment: e.criteria };
      },
    }),
    recordVerdict: assign(({ context, event }) => {
      const e = event as EventOf<'VERDICT'>;
      const body = bodyOf(e);
      if (!body) return {};
      const verdict: Verdict = {
        phase: context.phase,
        assessment: e.assessment,
        body,
        outcome: e.outcome,
        findings: e.findings,
        at: e.at,
        by: e.actor.id,
        round: context.round,
      };
      return {
        verdicts: {
          ...context.verdicts,
          [e.assessment]: { ...context.verdicts[e.assessment], [body]: verdict },
        },
        verdictLog: [...context.verdictLog, verdict],
      };
    }),
    sendBackForRepair: assign(({ context, event }) => {
      const rejected = rejectedAssessments(context);
      const findings = rejected.flatMap((a) =>
        Object.values(context.verdicts[a])
          .filter((v) => v.outcome === 'negative')
          .map((v) => `${v.body}/${a}: ${v.findings}`),
      );
      const at = 'at' in event ? event.at : context.readyReport.at;
      return {
        repairs: [
          ...context.repairs,
          {
            phase: context.phase,
            round: context.round,
            assessments: rejected,
            findings,
            sentBackAt: at,
            costCategory: 'development' as const,
          },
        ],
      };
    }),
    recordRepairDelivered: assign({
      repairs: ({ context, event }) => {
        const e = event as EventOf<'REPAIR_DELIVERED'>;
        return context.repairs.map((repair, index) =>
          index === context.repairs.length - 1
            ? {
                ...repair,
                delivered: {
                  at: e.at,
                  by: e.actor.id,
                  summary: e.summary,
                  developmentCostCents: e.developmentCostCents,
                },
              }
            : repair,
        );
      },
    }),
    reopenRejectedAssessments: assign(({ context, event }) => {
      const e = event as EventOf<'RESUBMIT'>;
      const current = context.repairs[context.repairs.length - 1];
      const verdicts = { ...context.verdicts };
      for (const a of current?.assessments ?? []) verdicts[a] = {};
      return {
        verdicts,
        round: context.round + 1,
        repairs: context.repairs.map((repair, index) =>
          index === context.repairs.length - 1
            ? { ...repair, resubmitted: { at: e.at, by: e.actor.id, note: e.note } }
            : repair,
        ),
      };
    }),
    recordProvisionalAcceptance: assign({
      provisionalAcceptance: ({ context, event }) => {
        const e = event as EventOf<'PROVISIONALLY_ACCEPT'>;
        const body = bodyOf(e);
        if (!body) return context.provisionalAcceptance;
        return {
          ...context.provisionalAcceptance,
          [body]: { at: e.at, by: e.actor.id, note: e.note },
        };
      },
    }),
    recordTransfer: assign({
      transfer: ({ event }) => {
        const e = event as EventOf<'TRANSFER_COMPLETED'>;
        return {
          at: e.at,
          by: e.actor.id,
          operationalManager: e.operationalManager,
          note: e.note,
        };
      },
    }),
    recordAgreementPrepared: assign({
      agreement: ({ event }) => {
        const e = event as EventOf<'AGREEMENT_PREPARED'>;
        return {
          at: e.at,
          by: e.actor.id,
          operationalManager: e.operationalManager,
          summary: e.summary,
        };
      },
    }),
    recordAgreementSigned: assign({
      agreementSigned: ({ event }) => {
        const e = event as EventOf<'AGREEMENT_SIGNED'>;
        return { at: e.at, by: e.actor.id, signedOn: e.signedOn, summary: e.summary };
      },
    }),
    countCostsFromOgbAcceptance: assign({
      managementCosts: ({ context, event }) => {
        const e = event as EventOf<'PROVISIONALLY_ACCEPT'>;
        if (context.managementCosts.countFrom !== 'ogbAcceptance' || bodyOf(e) !== 'ogb') {
          return context.managementCosts;
        }
        return { ...context.managementCosts, since: context.managementCosts.since ?? e.at };
      },
    }),
    openPhase2: assign(({ event }) => {
      const e = event as EventOf<'PHASE2_OPENED'>;
      return {
        phase: 'phase2' as const,
        phase2Opened: { at: e.at, by: e.actor.id, programme: e.programme },
        verdicts: emptyVerdicts(),
        round: 1,
      };
    }),
    recordDefinitiveAcceptance: assign({
      definitiveAcceptance: ({ context, event }) => {
        const e = event as EventOf<'DEFINITIVELY_ACCEPT'>;
        const body = bodyOf(e);
        if (!body) return context.definitiveAcceptance;
        return {
          ...context.definitiveAcceptance,
          [body]: { at: e.at, by: e.actor.id, note: e.note },
        };
      },
    }),
    discharge: assign({
      discharge: ({ context }) => {
        const moments = Object.values(context.definitiveAcceptance).map((a) => a.at);
        const at = moments.sort().at(-1) ?? context.readyReport.at;
        return { at, transferMoment: at };
      },
    }),
    markPhase1Overdue: assign({ phase1Overdue: true }),
    markPhase2Overdue: assign({ phase2Overdue: true }),
    markAgreementOverdue: assign({ agreementOverdue: true }),
  },
}).createMachine({
  id: 'acceptance',
  type: 'parallel',
  output: ({ context }) => ({
    provision: context.provision,
    definitiveAcceptance: context.definitiveAcceptance,
    discharge: context.discharge,
    managementCosts: context.managementCosts,
    agreementSigned: context.agreementSigned,
  }),
  context: ({ input }) => ({
    provision: { id: input.input.provision, name: input.input.provisionName },
    readyReport: {
      at: input.at,
      by: input.actor.id,
      note: input.input.readyReportNote,
      reportedOn: input.input.readyReportedOn ?? amsterdamDate(input.at),
    },
    phase: 'phase1',
    phase1Due: input.input.phase1Due,
    phase2Due: input.input.phase2Due,
    agreementDue: input.input.agreementDue,
    criteriaAdvice: null,
    criteria: null,
    round: 1,
    verdicts: emptyVerdicts(),
    verdictLog: [],
    repairs: [],
    provisionalAcceptance: {},
    transfer: null,
    agreement: null,
    agreementSigned: null,
    phase2Opened: null,
    definitiveAcceptance: {},
    discharge: null,
    managementCosts: managementCostsAtStart(input),
    phase1Overdue: false,
    phase2Overdue: false,
    agreementOverdue: false,
  }),
  states: {
    acceptance: {
      initial: 'phase1',
      states: {
        phase1: {
          meta: meta({ label: 'Fase 1: voorlopige acceptatie', deadline: 'phase1' }),
          initial: 'criteria',
          on: {
            DEADLINE_PASSED: { guard: 'isPhase1Deadline', actions: 'markPhase1Overdue' },
          },
          states: {
            criteria: {
              meta: meta({ label: 'Beoordelingscriteria vaststellen' }),
              on: {
                CRITERIA_ADVICE: { actions: 'recordAdvice' },
                FIX_CRITERIA: {
                  guard: 'criteriaAdvised',
                  target: 'assessment',
                  actions: 'fixCriteria',
                },
              },
            },
            ...assessmentCycle('provisionalAcceptance'),
            provisionalAcceptance: {
              meta: meta({ label: 'Voorlopige acceptatie door OGB Beheer en TBO' }),
              always: {
                guard: 'bothAcceptedProvisionally',
                target: '#acceptance.acceptance.transfer',
              },
              on: {
                PROVISIONALLY_ACCEPT: {
                  guard: 'provisionalAcceptanceOpen',
                  actions: ['recordProvisionalAcceptance', 'countCostsFromOgbAcceptance'],
                },
              },
            },
          },
        },
        transfer: {
          meta: meta({ label: 'Overdracht aan de operationele beheerder' }),
          on: { TRANSFER_COMPLETED: { target: 'provisionalOperation', actions: 'recordTransfer' } },
        },
        provisionalOperation: {
          // Phase 2 opens for all provisions at once, when the programme has every one delivered.
          meta: meta({ label: 'Operationeel beheer op voorlopige basis; wacht op fase 2' }),
          tags: ['provisionallyAccepted', 'delivered'],
          on: { PHASE2_OPENED: { target: 'phase2', actions: 'openPhase2' } },
        },
        phase2: {
          meta: meta({ label: 'Fase 2: definitieve acceptatie', deadline: 'phase2' }),
          tags: ['provisionallyAccepted', 'delivered'],
          initial: 'assessment',
          on: {
            DEADLINE_PASSED: { guard: 'isPhase2Deadline', actions: 'markPhase2Overdue' },
          },
          states: {
            ...assessmentCycle('definitiveAcceptance'),
            definitiveAcceptance: {
              meta: meta({ label: 'Definitieve acceptatie door OGB Beheer en TBO' }),
              always: {
                guard: 'bothAcceptedDefinitively',
                target: '#acceptance.acceptance.definitivelyAccepted',
              },
              on: {
                DEFINITIVELY_ACCEPT: {
                  guard: 'definitiveAcceptanceOpen',
                  actions: 'recordDefinitiveAcceptance',
                },
              },
            },
          },
        },
        definitivelyAccepted: {
          meta: meta({
            label: 'Definitief geaccepteerd; decharge verleend, overdracht gemarkeerd',
          }),
          tags: ['provisionallyAccepted', 'delivered', 'definitivelyAccepted'],
          entry: 'discharge',
          type: 'final',
        },
      },
    },
    agreement: {
      initial: 'open',
      states: {
        open: {
          meta: meta({ label: 'Afspraken operationeel beheer', deadline: 'agreement' }),
          initial: 'preparing',
          on: {
            DEADLINE_PASSED: { guard: 'isAgreementDeadline', actions: 'markAgreementOverdue' },
          },
          states: {
            preparing: {
              meta: meta({ label: 'TBO bereidt de afspraken over operationeel beheer voor' }),
              on: {
                AGREEMENT_PREPARED: { target: 'prepared', actions: 'recordAgreementPrepared' },
              },
            },
            prepared: {
              meta: meta({
                label: 'Afspraken voorbereid; TBO maakt ze definitief en legt ze vast',
              }),
              on: {
                AGREEMENT_SIGNED: {
                  target: '#acceptance.agreement.signed',
                  actions: 'recordAgreementSigned',
                },
              },
            },
          },
        },
        signed: {
          meta: meta({ label: 'Afspraken over operationeel beheer vastgelegd' }),
          type: 'final',
        },
      },
    },
  },
});
