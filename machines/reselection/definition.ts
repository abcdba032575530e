import type { AnyMachineSnapshot } from 'xstate';
import { amsterdamDate } from '../dutch-time';
import {
  DEFAULT_REMINDER_DAYS,
  mustAct,
  type BoundParty,
  type DeadlineLimit,
  type ProcessDefinition,
} from '../process-definition';
import { organisationField } from '../refusals';
import { draftKey, organisationsOf, reselectionMachine } from './machine';
import {
  askVngRefusal,
  byConsensusOnly,
  consentRefusal,
  evaluationRefusal,
  proposeRefusal,
  vngAnswerRefusal,
  vngOnly,
} from './refusals';
import { reselectionRuleRevisions } from './revisions';
import {
  approachProposalPayload,
  budgetEvaluationPayload,
  consentPayload,
  evaluationPayload,
  notePayload,
  proposalPayload,
  reselectionInputSchema,
  rulesPayload,
  rulesProposalPayload,
  vngAnswerPayload,
  type PreparationTopic,
  type ReselectionContext,
  type ReselectionInput,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ReselectionContext;
const term = (context: ReselectionContext) => `${context.nextTerm.from}-${context.nextTerm.to}`;

/** The OGB Beheer's consensus decision on a draft of its preparation (§6.2, §6.4). */
function draftDecisionRequest(context: ReselectionContext, topic: PreparationTopic) {
  const draft = context.drafts[topic];
  const key = draftKey(topic, context.attempts[topic]);
  const years = `${context.nextTerm.from}–${context.nextTerm.to}`;
  return {
    key,
    kind: 'decision',
    input: {
      decisionKey: `reselection-${term(context)}-${key}`,
      body: 'ogb' as const,
      subject:
        topic === 'approach'
          ? `Inhoud en aanpak evaluatie TBO en OBO’s ${years}`
          : `Spelregels en criteria selectie TBO en OBO’s ${years}`,
      proposal:
        draft?.topic === 'rules'
          ? `Spelregels: ${draft.rules}\nCriteria: ${draft.criteria}`
          : draft?.topic === 'approach'
            ? draft.note
            : 'Voorstel',
      meetingDate: draft?.meetingDate ?? context.dates.ogbMeetingDate,
    },
  };
}

function decisionRequest(context: ReselectionContext, body: 'ogb' | 'bo') {
  const proposal = context.proposals.at(-1);
  const attempt = context.attempts[body];
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const change = proposal?.changeOfTbo ? ' (wisseling TBO: consensus met de andere overheden)' : '';
  return {
    key: `${body}${suffix}`,
    kind: 'decision',
    input: {
      decisionKey: `reselection-${term(context)}-${body}${suffix}`,
      body,
      subject:
        body === 'ogb'
          ? `Keuze TBO en OBO’s ${context.nextTerm.from}–${context.nextTerm.to}${change}`
          : `Bekrachtiging keuze TBO en OBO’s ${context.nextTerm.from}–${context.nextTerm.to}`,
      proposal: `${
        proposal
          ? `TBO: ${proposal.tbo}; OBO’s: ${proposal.obos.join(', ')}. ${proposal.motivation}`
          : 'Voorstel SBO'
      }${context.escalation?.outcome ? ` Uitkomst escalatie: ${context.escalation.outcome}` : ''}`,
      meetingDate: body === 'ogb' ? context.dates.ogbMeetingDate : context.dates.boMeetingDate,
    },
  };
}

const escalationState = {
  ogb: { untilRatification: { untilOgbDecision: 'ogbEscalation' } },
  bo: { untilRatification: 'boEscalation' },
} as const;

/** No consensus: the dispute goes up the escalation ladder (DOMAIN.md Process 4). */
function escalationRequest(context: ReselectionContext, body: 'ogb' | 'bo') {
  const attempt = context.attempts[body];
  const again = context.escalationAttempts;
  const suffix = `${attempt > 1 ? `-${attempt}` : ''}${again > 1 ? `-e${again}` : ''}`;
  const where = body === 'ogb' ? 'het OGB Beheer' : 'het Bestuurlijk Overleg';
  const proposal = context.proposals.at(-1);
  return {
    key: `escalation-${body}${suffix}`,
    kind: 'escalation',
    input: {
      disputeKey: `reselection-${term(context)}-${body}${suffix}`,
      subject: `Herselectie ${context.nextTerm.from}–${context.nextTerm.to}: geen consensus in ${where}`,
      description: proposal
        ? `Voorstel: TBO ${proposal.tbo}; OBO’s ${proposal.obos.join(', ')}. ${proposal.motivation}`
        : 'Voorstel SBO',
      origin: body === 'ogb' ? 'ogb-consensus' : 'bo-consensus',
    },
  };
}

/** The organisations the re-selection evaluates and selects have a stake in every date of it. */
const assessed: BoundParty[] = [
  { role: 'tbo', as: 'assessed' },
  { role: 'obo', as: 'assessed' },
];

/** Everything up to the ratification must be settled before the new term starts. */
const beforeTermStart = (snapshot: AnyMachineSnapshot): DeadlineLimit => {
  const start = contextOf(snapshot).dates.termStart;
  const day = amsterdamDate(start);
  return {
    at: start,
    nl: `vóór de start van de nieuwe termijn op ${day}`,
    en: `before the new term starts on ${day}`,
  };
};

export const reselectionDefinition: ProcessDefinition<ReselectionInput> = {
  kind: 'reselection',
  title: 'Herselectie tactische en operationele beheerorganisaties',
  machine: reselectionMachine,
  input: reselectionInputSchema,
  startRoles: ['sbo'],
  // The TBO and OBOs are being evaluated and selected: the principal or the highest body.
  deadlineRoles: ['sbo', 'bo'],
  businessKey: (input) => `${input.nextTerm.from}-${input.nextTerm.to}`,
  machineInput: (input, started) => ({ input, olderRules: started.olderRules ?? [] }),
  ruleRevisions: reselectionRuleRevisions,
  events: {
    // An OGB member puts the draft on the table; the OGB Beheer decides by consensus (§6.2) in
    // a `decision` child.
    APPROACH_PROPOSED: {
      label: 'Inhoud en aanpak van de evaluatie voorleggen aan het OGB Beheer',
      roles: ['ogb'],
      payload: approachProposalPayload,
    },
    RULES_PROPOSED: {
      label: 'Spelregels en criteria voorleggen aan het OGB Beheer',
      roles: ['ogb'],
      payload: rulesProposalPayload,
    },
    // One member deciding for the body: only runs from before the consensus rules.
    APPROACH_AGREED: {
      label: 'Inhoud en aanpak van de evaluatie afgesproken (runs van vóór de consensusregel)',
      roles: ['ogb'],
      payload: notePayload,
      authorise: byConsensusOnly('APPROACH_PROPOSED'),
    },
    RULES_FIXED: {
      label: 'Spelregels en criteria vastgesteld (runs van vóór de consensusregel)',
      roles: ['ogb'],
      payload: rulesPayload,
      authorise: byConsensusOnly('RULES_PROPOSED'),
    },
    EVALUATION_COMPLETED: {
      label: 'Evaluatie TBO en OBO’s afgerond',
      roles: ['sbo'],
      payload: evaluationPayload,
      authorise: evaluationRefusal,
    },
    BUDGET_EVALUATION_COMPLETED: {
      label: 'Evaluatie taakstellend budget afgerond',
      roles: ['sbo'],
      payload: budgetEvaluationPayload,
    },
    VNG_JOINS_SELECTION: {
      label: 'VNG neemt deel aan het selectieproces',
      roles: ['ogb', 'bo'],
      payload: notePayload,
      authorise: vngOnly,
    },
    VNG_STAYS_OUT: {
      label: 'VNG neemt niet deel',
      roles: ['ogb', 'bo'],
      payload: notePayload,
      authorise: vngOnly,
    },
    ASK_VNG_FOR_TBO_ROLE: {
      label: 'VNG vragen de rol van TBO te vervullen',
      roles: ['sbo'],
      payload: notePayload,
      authorise: askVngRefusal,
    },
    VNG_ANSWERS: {
      label: 'Antwoord VNG op het verzoek',
      roles: ['ogb', 'bo'],
      payload: vngAnswerPayload,
      authorise: vngAnswerRefusal,
    },
    PROPOSE: {
      label: 'Voorstel meest geschikte TBO en OBO’s',
      roles: ['sbo'],
      payload: proposalPayload,
      authorise: proposeRefusal,
    },
    RETRY_ESCALATION: {
      label: 'Het mislukte escalatieproces opnieuw starten',
      roles: ['sbo'],
      payload: notePayload,
    },
    RETRY_DECISION: {
      label: 'Het mislukte besluitproces opnieuw starten',
      roles: ['sbo'],
      payload: notePayload,
    },
    // "Met instemming van de betrokken organisaties" (seed §6.3): each organisation proposed
    // consents itself, by its own actor (an OBO's, or the TBO's where its token names one).
    CONSENT: {
      label: 'Instemming van een betrokken organisatie',
      roles: ['obo', 'tbo'],
      legacyRoles: ['sbo'],
      payload: consentPayload,
      authorise: consentRefusal,
      actsFor: {
        organisation: organisationField('organisation'),
        act: (name) => ({ nl: `instemmen namens ${name}`, en: `consent on behalf of ${name}` }),
      },
      options: (snapshot) =>
        organisationsOf(contextOf(snapshot)).map((organisation) => ({
          organisation,
          consents: true,
        })),
    },
  },
  deadlines: {
    rules: {
      label: 'Spelregels en criteria vastgesteld (medio 2022)',
      due: (snapshot) => contextOf(snapshot).dates.rulesDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: [...assessed, ...mustAct('ogb')],
      latest: beforeTermStart,
    },
    evaluation: {
      label: 'Evaluatie TBO, OBO’s en budget (vóór 1 juli 2022)',
      due: (snapshot) => contextOf(snapshot).dates.evaluationDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: [...assessed, ...mustAct('sbo')],
      latest: beforeTermStart,
    },
    ogbDecision: {
      label: 'Besluit OGB Beheer (vóór 1 oktober 2022)',
      due: (snapshot) => contextOf(snapshot).dates.ogbDecisionDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      // Declared on the states of every earlier step: all who act up to the OGB's decision.
      boundBy: [...assessed, ...mustAct('sbo', 'ogb'), { role: 'bo', party: 'vng', as: 'actor' }],
      latest: beforeTermStart,
    },
    boRatification: {
      label: 'Bekrachtiging door het BO (vóór 1 november 2022)',
      due: (snapshot) => contextOf(snapshot).dates.boRatificationDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      // Also the BO, which ratifies, chaired by the Minister: no one outside it may move it.
      boundBy: [...assessed, ...mustAct('sbo', 'ogb', 'bo', 'minister')],
      latest: beforeTermStart,
    },
    termStart: {
      label: 'Start nieuwe termijn (1 januari 2024)',
      due: (snapshot) => contextOf(snapshot).dates.termStart,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      moment: true,
      boundBy: assessed,
    },
  },
  children: (snapshot) => {
    const context = contextOf(snapshot);
    for (const body of ['ogb', 'bo'] as const) {
      if (snapshot.hasTag('escalated') && snapshot.matches(escalationState[body])) {
        return [escalationRequest(context, body)];
      }
    }
    if (snapshot.matches({ untilRatification: { untilOgbDecision: 'ogbDecision' } })) {
      return [decisionRequest(context, 'ogb')];
    }
    const preparation = (topic: PreparationTopic) => ({
      untilRatification: { untilOgbDecision: { preparation: { [topic]: 'deciding' } } },
    });
    const drafts = (['approach', 'rules'] as const).filter((topic) =>
      snapshot.matches(preparation(topic)),
    );
    if (drafts.length > 0) return drafts.map((topic) => draftDecisionRequest(context, topic));
    if (snapshot.matches({ untilRatification: 'boRatification' })) {
      return [decisionRequest(context, 'bo')];
    }
    return [];
  },
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const head = `Herselectie ${context.nextTerm.from}–${context.nextTerm.to}`;
    const late =
      context.overdue.length > 0 ? ` — over de termijn: ${context.overdue.join(', ')}` : '';
    if (snapshot.matches('handedOver')) return `${head}: nieuwe termijn gestart`;
    if (snapshot.hasTag('escalated')) {
      return `${head}: ${context.escalation?.reason ?? 'geen consensus'}, op de escalatieladder${late}`;
    }
    if (snapshot.hasTag('needsAttention')) return `${head}: besluitproces mislukt${late}`;
    if (snapshot.matches('awaitingTermStart'))
      return `${head}: bekrachtigd, wacht op de start van de termijn`;
    if (snapshot.matches({ untilRatification: 'boRatification' })) {
      return `${head}: bij het Bestuurlijk Overleg${late}`;
    }
    if (snapshot.matches({ untilRatification: { untilOgbDecision: 'ogbDecision' } })) {
      return `${head}: besluit in het OGB Beheer${late}`;
    }
    if (snapshot.matches({ untilRatification: { untilOgbDecision: 'selection' } })) {
      return `${head}: selectie (voorstel ronde ${Math.max(context.proposals.length, 1)})${late}`;
    }
    return `${head}: voorbereiding en evaluatie${late}`;
  },
  publicContext: (snapshot) => ({ ...contextOf(snapshot) }),
};
