import { assign, setup } from 'xstate';
import type { StateMeta } from '../process-definition';
import { assessments, type Assessment, type AssessingBody } from './assessments';
import type { AcceptanceContext, AcceptanceEvent, AcceptanceMachineInput, Verdict } from './types';

type EventOf<T extends AcceptanceEvent['type']> = Extract<AcceptanceEvent, { type: T }>;

/** The assessing body an actor speaks for, if any: the OGB Beheer or the TBO. */
function bodyOf(event: { actor: { role: string } }): AssessingBody | undefined {
  const role = event.actor.role;
  return role === 'ogb' || role === 'tbo' ? role : undefined;
}

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

/**
 * Acceptance of one provision, phase 1 (seed §6.4 "Het acceptatieproces"; DOMAIN.md Process 1,
 * steps 1–5). The ready report starts the run; the OGB Beheer fixes the criteria after hearing the
 * TBO; four assessments each need a verdict of the OGB Beheer and of the TBO; once all eight are
 * in, any negative verdict sends the provision back for repair (development cost) with every defect
 * found, and the resubmission re-opens the rejected assessments; eight positive verdicts lead to provisional acceptance by both bodies, the transfer
 * and provisional operational management. In parallel the TBO prepares the agreement with the
 * operational manager.
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
    isPhase1Deadline: ({ event }) => (event as EventOf<'DEADLINE_PASSED'>).deadline === 'phase1',
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
    markPhase1Overdue: assign({ phase1Overdue: true }),
  },
}).createMachine({
  id: 'acceptance',
  type: 'parallel',
  context: ({ input }) => ({
    provision: { id: input.input.provision, name: input.input.provisionName },
    readyReport: { at: input.at, by: input.actor.id, note: input.input.readyReportNote },
    phase1Due: input.input.phase1Due,
    criteriaAdvice: null,
    criteria: null,
    round: 1,
    verdicts: emptyVerdicts(),
    verdictLog: [],
    repairs: [],
    provisionalAcceptance: {},
    transfer: null,
    agreement: null,
    phase1Overdue: false,
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
            assessment: {
              meta: meta({ label: 'Beoordeling door OGB Beheer en TBO' }),
              always: [
                { guard: 'roundRejected', target: 'repair', actions: 'sendBackForRepair' },
                { guard: 'allPositive', target: 'provisionalAcceptance' },
              ],
              on: { VERDICT: { guard: 'verdictOpen', actions: 'recordVerdict' } },
            },
            repair: {
              meta: meta({ label: 'Herstel door de ontwikkelpartij' }),
              on: {
                REPAIR_DELIVERED: { target: 'resubmission', actions: 'recordRepairDelivered' },
              },
            },
            resubmission: {
              meta: meta({ label: 'Opnieuw gereedmelden door het programma' }),
              on: { RESUBMIT: { target: 'assessment', actions: 'reopenRejectedAssessments' } },
            },
            provisionalAcceptance: {
              meta: meta({ label: 'Voorlopige acceptatie door OGB Beheer en TBO' }),
              always: {
                guard: 'bothAcceptedProvisionally',
                target: '#acceptance.acceptance.transfer',
              },
              on: {
                PROVISIONALLY_ACCEPT: {
                  guard: 'provisionalAcceptanceOpen',
                  actions: 'recordProvisionalAcceptance',
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
          // Phase 2 (definitive acceptance once every provision is delivered) continues from here.
          meta: meta({ label: 'Operationeel beheer op voorlopige basis' }),
          tags: ['provisionallyAccepted'],
        },
      },
    },
    agreement: {
      initial: 'preparing',
      states: {
        preparing: {
          meta: meta({ label: 'TBO bereidt de afspraken over operationeel beheer voor' }),
          on: { AGREEMENT_PREPARED: { target: 'prepared', actions: 'recordAgreementPrepared' } },
        },
        prepared: {
          meta: meta({ label: 'Afspraken over operationeel beheer voorbereid' }),
        },
      },
    },
  },
});
