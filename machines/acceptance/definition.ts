import type { AnyMachineSnapshot } from 'xstate';
import { DEFAULT_REMINDER_DAYS, mustAct, type ProcessDefinition } from '../process-definition';
import { assessingBodies, assessmentLabels, assessments } from './assessments';
import { acceptanceSteps } from './earlier-steps';
import { acceptanceReport } from './report';
import { acceptanceMachine } from './machine';
import {
  acceptanceInputSchema,
  agreementPreparedPayload,
  agreementSignedPayload,
  criteriaAdvicePayload,
  fixCriteriaPayload,
  notePayload,
  phase2OpenedPayload,
  repairDeliveredPayload,
  transferPayload,
  verdictPayload,
  type AcceptanceContext,
  type AcceptanceInput,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as AcceptanceContext;

function overdueNote(context: AcceptanceContext): string {
  const phase =
    context.phase === 'phase2'
      ? context.phase2Overdue
        ? ' — fase 2 over de termijn'
        : ''
      : context.phase1Overdue
        ? ' — fase 1 over de termijn'
        : '';
  const agreement =
    context.agreementOverdue && context.agreementSigned === null
      ? ' — afspraken operationeel beheer over de termijn'
      : '';
  return `${phase}${agreement}`;
}

function countPositive(context: AcceptanceContext): number {
  return assessments.reduce(
    (sum, a) =>
      sum +
      assessingBodies.filter((body) => context.verdicts[a][body]?.outcome === 'positive').length,
    0,
  );
}

export const acceptanceDefinition: ProcessDefinition<AcceptanceInput> = {
  kind: 'acceptance',
  title: 'Acceptatie van een voorziening',
  machine: acceptanceMachine,
  input: acceptanceInputSchema,
  startRoles: ['programme'],
  businessKey: (input) => input.provision,
  machineInput: (input, started) => ({ input, ...started }),
  events: {
    CRITERIA_ADVICE: {
      label: 'Advies over de beoordelingscriteria (TBO)',
      roles: ['tbo'],
      payload: criteriaAdvicePayload,
    },
    FIX_CRITERIA: {
      label: 'Beoordelingscriteria vaststellen (OGB Beheer)',
      roles: ['ogb'],
      payload: fixCriteriaPayload,
      refusedBecause: acceptanceSteps.FIX_CRITERIA,
    },
    VERDICT: {
      label: 'Oordeel over een beoordeling',
      roles: ['ogb', 'tbo'],
      payload: verdictPayload,
      refusedBecause: acceptanceSteps.VERDICT,
      options: () => assessments.map((assessment) => ({ assessment, outcome: 'positive' })),
    },
    REPAIR_DELIVERED: {
      label: 'Herstel opgeleverd (ontwikkelkosten)',
      roles: ['developer'],
      payload: repairDeliveredPayload,
      refusedBecause: acceptanceSteps.REPAIR_DELIVERED,
    },
    RESUBMIT: {
      label: 'Opnieuw gereedmelden',
      roles: ['programme'],
      payload: notePayload,
      refusedBecause: acceptanceSteps.RESUBMIT,
    },
    PROVISIONALLY_ACCEPT: {
      label: 'Voorlopig accepteren',
      roles: ['ogb', 'tbo'],
      payload: notePayload,
      refusedBecause: acceptanceSteps.PROVISIONALLY_ACCEPT,
    },
    TRANSFER_COMPLETED: {
      label: 'Overdracht afgerond',
      roles: ['tbo'],
      payload: transferPayload,
      refusedBecause: acceptanceSteps.TRANSFER_COMPLETED,
    },
    AGREEMENT_PREPARED: {
      label: 'Afspraken operationeel beheer voorbereid',
      roles: ['tbo'],
      payload: agreementPreparedPayload,
    },
    AGREEMENT_SIGNED: {
      label: 'Afspraken operationeel beheer definitief en vastgelegd',
      roles: ['tbo'],
      payload: agreementSignedPayload,
      refusedBecause: acceptanceSteps.AGREEMENT_SIGNED,
    },
    DEFINITIVELY_ACCEPT: {
      label: 'Definitief accepteren',
      roles: ['ogb', 'tbo'],
      payload: notePayload,
      refusedBecause: acceptanceSteps.DEFINITIVELY_ACCEPT,
    },
  },
  deadlines: {
    phase1: {
      label: 'Einde fase 1 (voorlopige acceptatie)',
      due: (snapshot) => contextOf(snapshot).phase1Due,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      // The two bodies assess and accept, the developer repairs, the programme resubmits.
      boundBy: mustAct('tbo', 'ogb', 'developer', 'programme'),
    },
    phase2: {
      label: 'Einde fase 2 (definitieve acceptatie)',
      due: (snapshot) => contextOf(snapshot).phase2Due,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('tbo', 'ogb', 'developer', 'programme'),
    },
    agreement: {
      label: 'Afspraken met de operationele beheerder vastgelegd',
      due: (snapshot) => contextOf(snapshot).agreementDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      since: 'acceptance-agreement-deadline',
      // The TBO prepares and signs it with the operational manager, its other party.
      boundBy: mustAct('tbo', 'obo'),
    },
  },
  parentEvents: { PHASE2_OPENED: phase2OpenedPayload },
  reportToParent: (snapshot) => acceptanceReport(snapshot),
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const name = context.provision.name;
    const late = overdueNote(context);
    if (snapshot.matches({ acceptance: 'definitivelyAccepted' })) {
      const agreement = context.agreementSigned
        ? ''
        : ' — afspraken operationeel beheer nog vast te leggen';
      return `${name}: definitief geaccepteerd, decharge verleend${agreement}`;
    }
    if (snapshot.matches({ acceptance: { phase2: 'definitiveAcceptance' } })) {
      return `${name}: fase 2, 8 van 8 oordelen positief, wacht op definitieve acceptatie${late}`;
    }
    if (snapshot.matches({ acceptance: { phase2: 'repair' } })) {
      return `${name}: fase 2, terug voor herstel (ronde ${context.round})${late}`;
    }
    if (snapshot.matches({ acceptance: { phase2: 'resubmission' } })) {
      return `${name}: fase 2, herstel opgeleverd, wacht op nieuwe gereedmelding${late}`;
    }
    if (snapshot.matches({ acceptance: 'phase2' })) {
      return `${name}: fase 2, beoordeling ronde ${context.round}, ${countPositive(context)} van 8 oordelen positief${late}`;
    }
    if (snapshot.matches({ acceptance: 'provisionalOperation' })) {
      return `${name}: voorlopig geaccepteerd, operationeel beheer op voorlopige basis; wacht op fase 2`;
    }
    if (snapshot.matches({ acceptance: 'transfer' })) {
      return `${name}: voorlopig geaccepteerd, overdracht loopt`;
    }
    if (snapshot.matches({ acceptance: { phase1: 'criteria' } })) {
      return `${name}: gereed gemeld, criteria nog vast te stellen${late}`;
    }
    if (snapshot.matches({ acceptance: { phase1: 'repair' } })) {
      return `${name}: terug voor herstel (ronde ${context.round})${late}`;
    }
    if (snapshot.matches({ acceptance: { phase1: 'resubmission' } })) {
      return `${name}: herstel opgeleverd, wacht op nieuwe gereedmelding${late}`;
    }
    if (snapshot.matches({ acceptance: { phase1: 'provisionalAcceptance' } })) {
      return `${name}: 8 van 8 oordelen positief, wacht op voorlopige acceptatie${late}`;
    }
    return `${name}: beoordeling ronde ${context.round}, ${countPositive(context)} van 8 oordelen positief${late}`;
  },
  publicContext: (snapshot) => {
    const context = contextOf(snapshot);
    // The assessments by name, for the case page (server/dashboard/src/case-content).
    return { ...context, assessmentLabels };
  },
};
