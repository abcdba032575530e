import { assign, setup } from 'xstate';
import type { DecisionOutput } from '../decision/types';
import { withOverdue } from '../event-parts';
import { amsterdamDate } from '../dutch-time';
import { followsRule, type StateMeta } from '../process-definition';
import { CONSENSUS_PREPARATION } from './revisions';
import type {
  Draft,
  PreparationTopic,
  ReselectionContext,
  ReselectionEvent,
  ReselectionMachineInput,
  ReselectionOutput,
} from './types';

type EventOf<T extends ReselectionEvent['type']> = Extract<ReselectionEvent, { type: T }>;
const meta = (value: StateMeta): StateMeta => value;

const decisionOf = (event: ReselectionEvent) => {
  const e = event as EventOf<'CHILD_DONE'>;
  return e.status === 'completed'
    ? { ...(e.output as DecisionOutput), decisionId: e.childId }
    : null;
};
const currentProposal = (context: ReselectionContext) => context.proposals.at(-1);
export const organisationsOf = (context: ReselectionContext): string[] => {
  const proposal = currentProposal(context);
  // An organisation can be both the TBO and an OBO; it consents once.
  return proposal ? [...new Set([proposal.tbo, ...proposal.obos])] : [];
};
const consentsThisRound = (context: ReselectionContext) =>
  context.consents.filter((c) => c.round === context.proposals.length);

/**
 * Whether this run decides its preparation by consensus (runs from before it: one member). A
 * snapshot carried over (continue-as-new) by the code before the revision has no `olderRules`:
 * such a run started before it.
 */
export const decidesByConsensus = (context: ReselectionContext): boolean =>
  context.olderRules !== undefined && followsRule(context.olderRules, CONSENSUS_PREPARATION);

/** The child key of a topic's decision: `rules`, then `rules-2` for a second draft. */
export const draftKey = (topic: PreparationTopic, attempt: number): string =>
  attempt > 1 ? `${topic}-${attempt}` : topic;
const isDecisionOn = (topic: PreparationTopic, event: ReselectionEvent) => {
  const e = event as EventOf<'CHILD_DONE'>;
  return e.kind === 'decision' && (e.key === topic || e.key.startsWith(`${topic}-`));
};
const adoptedOn = (topic: PreparationTopic, event: ReselectionEvent) =>
  isDecisionOn(topic, event) && decisionOf(event)?.outcome === 'adopted';

function adoptDraft(context: ReselectionContext, topic: PreparationTopic, event: ReselectionEvent) {
  const e = event as EventOf<'CHILD_DONE'>;
  const draft = context.drafts[topic];
  const decidedAt = decisionOf(event)?.decidedAt ?? e.at;
  const drafts = withoutDraft(context, topic);
  if (draft?.topic === 'approach') {
    const approach = { at: decidedAt, by: draft.by, note: draft.note, decisionId: e.childId };
    return { drafts, approach };
  }
  if (draft?.topic === 'rules') {
    const { rules, criteria } = draft;
    return {
      drafts,
      rules: { at: decidedAt, by: draft.by, rules, criteria, decisionId: e.childId },
    };
  }
  return { drafts };
}

function dropDraft(context: ReselectionContext, topic: PreparationTopic, event: ReselectionEvent) {
  const e = event as EventOf<'CHILD_DONE'>;
  const draft = context.drafts[topic];
  const drafts = withoutDraft(context, topic);
  const outcome = e.status === 'failed' ? ('failed' as const) : ('rejected' as const);
  return {
    drafts,
    rejectedDrafts: draft
      ? [...context.rejectedDrafts, { ...draft, decisionId: e.childId, outcome }]
      : context.rejectedDrafts,
    attempts: { ...context.attempts, [topic]: context.attempts[topic] + 1 },
  };
}

/** The drafts still on the table once `topic`'s has been decided. */
const withoutDraft = (context: ReselectionContext, topic: PreparationTopic) =>
  Object.fromEntries(
    Object.entries(context.drafts).filter(([key]) => key !== topic),
  ) as ReselectionContext['drafts'];

/** Who was appointed for which term, ratified when: set once the run has ended. */
function outcomeOf(context: ReselectionContext): ReselectionOutput | null {
  const proposal = currentProposal(context);
  const ratification =
    context.boRatification?.outcome === 'adopted'
      ? {
          ratifiedAt: context.boRatification.decidedAt,
          ratifiedBy: { kind: 'decision' as const, id: context.boRatification.decisionId },
        }
      : context.escalation?.upholdsProposal && context.escalation.escalationId
        ? {
            ratifiedAt: context.escalation.resolvedAt ?? context.escalation.at,
            ratifiedBy: { kind: 'escalation' as const, id: context.escalation.escalationId },
          }
        : null;
  if (!proposal || !ratification) return null;
  return {
    term: context.nextTerm,
    termStart: context.dates.termStart,
    tbo: proposal.tbo,
    obos: proposal.obos,
    changeOfTbo: proposal.changeOfTbo,
    ...ratification,
    ogbDecisionId: context.ogbDecision?.decisionId ?? null,
  };
}

/**
 * The re-selection of the tactical and operational organisations for the next five-year term
 * (seed §3.6, §6.2–§6.4, §8.2; DOMAIN.md Process 2). All dated steps run inside the deadlines of
 * the OGB decision and the BO ratification, so those clocks tick from the start.
 */
export const reselectionMachine = setup({
  types: {
    context: {} as ReselectionContext,
    events: {} as ReselectionEvent,
    input: {} as ReselectionMachineInput,
  },
  guards: {
    approachAgreed: ({ context }) => context.approach !== null,
    // Runs from before CONSENSUS_PREPARATION: one OGB member's event decided for the body.
    oneMemberDecides: ({ context }) => !decidesByConsensus(context),
    byConsensus: ({ context }) => decidesByConsensus(context),
    approachAdopted: ({ event }) => adoptedOn('approach', event),
    onApproach: ({ event }) => isDecisionOn('approach', event),
    rulesAdopted: ({ event }) => adoptedOn('rules', event),
    onRules: ({ event }) => isDecisionOn('rules', event),
    rulesAdoptedByConsensus: ({ context, event }) =>
      decidesByConsensus(context) && adoptedOn('rules', event),
    // "Bij de evaluatie wordt de mogelijkheid open gehouden dat het collectief van gemeenten
    // (via de VNG) besluit mee te doen in het selectieproces" (§8.2): open until the proposal.
    vngOptionOpen: ({ context }) => decidesByConsensus(context) && context.vng.joins === null,
    vngJoined: ({ context }) => context.vng.joins === true && context.vng.askedForTboRole === null,
    consentOpen: ({ context, event }) => {
      const e = event as EventOf<'CONSENT'>;
      return (
        organisationsOf(context).includes(e.organisation) &&
        !consentsThisRound(context).some((c) => c.organisation === e.organisation)
      );
    },
    anyRefused: ({ context }) => consentsThisRound(context).some((c) => !c.consents),
    allConsented: ({ context }) => {
      const given = consentsThisRound(context);
      return organisationsOf(context).every((o) =>
        given.some((c) => c.organisation === o && c.consents),
      );
    },
    adopted: ({ event }) => decisionOf(event)?.outcome === 'adopted',
    childFailed: ({ event }) => (event as EventOf<'CHILD_DONE'>).status === 'failed',
    fromEscalation: ({ event }) => (event as EventOf<'CHILD_DONE'>).kind === 'escalation',
    escalationUpholds: ({ event }) => {
      const e = event as EventOf<'CHILD_DONE'>;
      const output = e.output as { resolution?: { upholdsProposal?: boolean } | null };
      return e.kind === 'escalation' && output.resolution?.upholdsProposal === true;
    },
    isTermStart: ({ event }) => (event as EventOf<'DEADLINE_PASSED'>).deadline === 'termStart',
  },
  actions: {
    recordApproach: assign({
      approach: ({ event }) => {
        const e = event as EventOf<'APPROACH_AGREED'>;
        return { at: e.at, by: e.actor.id, note: e.note };
      },
    }),
    recordRules: assign({
      rules: ({ event }) => {
        const e = event as EventOf<'RULES_FIXED'>;
        return { at: e.at, by: e.actor.id, rules: e.rules, criteria: e.criteria };
      },
    }),
    recordApproachDraft: assign({
      drafts: ({ context, event }) => {
        const e = event as EventOf<'APPROACH_PROPOSED'>;
        const draft: Draft = {
          topic: 'approach',
          at: e.at,
          by: e.actor.id,
          note: e.note,
          meetingDate: e.meetingDate ?? amsterdamDate(e.at),
        };
        return { ...context.drafts, approach: draft };
      },
    }),
    recordRulesDraft: assign({
      drafts: ({ context, event }) => {
        const e = event as EventOf<'RULES_PROPOSED'>;
        const draft: Draft = {
          topic: 'rules',
          at: e.at,
          by: e.actor.id,
          rules: e.rules,
          criteria: e.criteria,
          meetingDate: e.meetingDate ?? amsterdamDate(e.at),
        };
        return { ...context.drafts, rules: draft };
      },
    }),
    adoptApproach: assign(({ context, event }) => adoptDraft(context, 'approach', event)),
    dropApproach: assign(({ context, event }) => dropDraft(context, 'approach', event)),
    adoptRules: assign(({ context, event }) => adoptDraft(context, 'rules', event)),
    dropRules: assign(({ context, event }) => dropDraft(context, 'rules', event)),
    /** Not joined by the proposal: the VNG stays out of this selection. */
    closeVngOption: assign({
      vng: ({ context }) =>
        context.vng.joins === null ? { ...context.vng, joins: false } : context.vng,
    }),
    recordEvaluation: assign({
      evaluation: ({ event }) => {
        const e = event as EventOf<'EVALUATION_COMPLETED'>;
        return { at: e.at, by: e.actor.id, findings: e.findings, taskDivision: e.taskDivision };
      },
    }),
    recordBudgetEvaluation: assign({
      budgetEvaluation: ({ event }) => {
        const e = event as EventOf<'BUDGET_EVALUATION_COMPLETED'>;
        return {
          at: e.at,
          by: e.actor.id,
          yearlyBudgetCents: e.yearlyBudgetCents,
          period: e.period,
          findings: e.findings,
        };
      },
    }),
    vngJoins: assign({ vng: ({ context }) => ({ ...context.vng, joins: true }) }),
    vngStaysOut: assign({ vng: ({ context }) => ({ ...context.vng, joins: false }) }),
    askVng: assign({
      vng: ({ context, event }) => {
        const e = event as EventOf<'ASK_VNG_FOR_TBO_ROLE'>;
        return { ...context.vng, askedForTboRole: { at: e.at, by: e.actor.id } };
      },
    }),
    recordVngAnswer: assign({
      vng: ({ context, event }) => ({
        ...context.vng,
        acceptsTboRole: (event as EventOf<'VNG_ANSWERS'>).accepts,
      }),
    }),
    recordProposal: assign({
      proposals: ({ context, event }) => {
        const e = event as EventOf<'PROPOSE'>;
        const proposal = {
          tbo: e.tbo,
          obos: e.obos,
          changeOfTbo: e.changeOfTbo,
          motivation: e.motivation,
          at: e.at,
          by: e.actor.id,
          round: context.proposals.length + 1,
        };
        return [...context.proposals, proposal];
      },
    }),
    recordConsent: assign({
      consents: ({ context, event }) => {
        const e = event as EventOf<'CONSENT'>;
        return [
          ...context.consents,
          {
            organisation: e.organisation,
            consents: e.consents,
            note: e.note,
            at: e.at,
            by: e.actor.id,
            round: context.proposals.length,
          },
        ];
      },
    }),
    recordOgbDecision: assign({ ogbDecision: ({ event }) => decisionOf(event) }),
    recordBoRatification: assign({ boRatification: ({ event }) => decisionOf(event) }),
    escalate: assign({
      escalation: ({ event }) => {
        const e = event as EventOf<'CHILD_DONE'>;
        const where = e.key.startsWith('bo') ? 'het Bestuurlijk Overleg' : 'het OGB Beheer';
        return { reason: `geen consensus in ${where} (${e.childId})`, at: e.at };
      },
    }),
    recordEscalationOutcome: assign({
      escalation: ({ context, event }) => {
        const e = event as EventOf<'CHILD_DONE'>;
        const output = e.output as {
          resolution?: { outcome: string; upholdsProposal: boolean } | null;
        };
        return {
          reason: context.escalation?.reason ?? '',
          at: context.escalation?.at ?? e.at,
          escalationId: e.childId,
          outcome: output.resolution?.outcome ?? '',
          upholdsProposal: output.resolution?.upholdsProposal ?? false,
          resolvedAt: e.at,
        };
      },
    }),
    vngNoDecision: assign({
      // Runs from before CONSENSUS_PREPARATION: a VNG that had not joined when the rules were
      // fixed stayed out.
      vng: ({ context }) => ({ ...context.vng, joins: false }),
    }),
    nextEscalationAttempt: assign({
      escalationAttempts: ({ context }) => context.escalationAttempts + 1,
    }),
    // The proposal did not survive the escalation: a new proposal gets new decisions.
    nextDecisionRound: assign({
      attempts: ({ context }) => ({
        ...context.attempts,
        ogb: context.attempts.ogb + 1,
        bo: context.attempts.bo + 1,
      }),
      escalationAttempts: 1,
    }),
    nextOgbAttempt: assign({
      attempts: ({ context }) => ({ ...context.attempts, ogb: context.attempts.ogb + 1 }),
    }),
    nextBoAttempt: assign({
      attempts: ({ context }) => ({ ...context.attempts, bo: context.attempts.bo + 1 }),
    }),
    markOverdue: assign({
      overdue: ({ context, event }) => {
        return withOverdue(context.overdue, (event as EventOf<'DEADLINE_PASSED'>).deadline);
      },
    }),
  },
}).createMachine({
  id: 'reselection',
  initial: 'untilRatification',
  context: ({ input }) => {
    const { currentTerm, nextTerm, ...dates } = input.input;
    return {
      olderRules: input.olderRules ?? [],
      currentTerm,
      nextTerm,
      dates,
      approach: null,
      rules: null,
      evaluation: null,
      budgetEvaluation: null,
      drafts: {},
      rejectedDrafts: [],
      vng: { joins: null, askedForTboRole: null, acceptsTboRole: null },
      proposals: [],
      consents: [],
      ogbDecision: null,
      boRatification: null,
      escalation: null,
      attempts: { ogb: 1, bo: 1, approach: 1, rules: 1 },
      escalationAttempts: 1,
      overdue: [],
    };
  },
  output: ({ context }) => outcomeOf(context),
  on: { DEADLINE_PASSED: { actions: 'markOverdue' } },
  states: {
    untilRatification: {
      meta: meta({ deadline: 'boRatification' }),
      initial: 'untilOgbDecision',
      states: {
        untilOgbDecision: {
          meta: meta({ deadline: 'ogbDecision' }),
          initial: 'preparation',
          states: {
            preparation: {
              type: 'parallel',
              onDone: 'selection',
              // The VNG's choice stays open through the whole preparation (see vng.open).
              on: {
                VNG_JOINS_SELECTION: { guard: 'vngOptionOpen', actions: 'vngJoins' },
                VNG_STAYS_OUT: { guard: 'vngOptionOpen', actions: 'vngStaysOut' },
              },
              states: {
                approach: {
                  initial: 'agreeing',
                  states: {
                    agreeing: {
                      meta: meta({ label: 'Afspraken over inhoud en aanpak van de evaluatie' }),
                      on: {
                        APPROACH_AGREED: {
                          guard: 'oneMemberDecides',
                          target: 'agreed',
                          actions: 'recordApproach',
                        },
                        APPROACH_PROPOSED: {
                          guard: 'byConsensus',
                          target: 'deciding',
                          actions: 'recordApproachDraft',
                        },
                      },
                    },
                    // "Een nadere afspraak tussen partijen over de inhoud en aanpak" (§3.6): the
                    // OGB Beheer's consensus decision, a `decision` child.
                    deciding: {
                      meta: meta({ label: 'OGB Beheer besluit over inhoud en aanpak (consensus)' }),
                      on: {
                        CHILD_DONE: [
                          { guard: 'approachAdopted', target: 'agreed', actions: 'adoptApproach' },
                          { guard: 'onApproach', target: 'agreeing', actions: 'dropApproach' },
                        ],
                      },
                    },
                    agreed: { type: 'final' },
                  },
                },
                rules: {
                  initial: 'fixing',
                  states: {
                    fixing: {
                      meta: meta({
                        label: 'OGB Beheer stelt spelregels en criteria vast',
                        deadline: 'rules',
                      }),
                      on: {
                        RULES_FIXED: {
                          guard: 'oneMemberDecides',
                          target: 'fixed',
                          actions: 'recordRules',
                        },
                        RULES_PROPOSED: {
                          guard: 'byConsensus',
                          target: 'deciding',
                          actions: 'recordRulesDraft',
                        },
                      },
                    },
                    // "De spelregels en criteria … vastgesteld worden door het OGB Beheer" (§6.4),
                    // whose "besluitvorming … gebeurt … bij consensus" (§6.2). The deadline runs on.
                    deciding: {
                      meta: meta({
                        label: 'OGB Beheer besluit over spelregels en criteria (consensus)',
                        deadline: 'rules',
                      }),
                      on: {
                        CHILD_DONE: [
                          { guard: 'rulesAdopted', target: 'fixed', actions: 'adoptRules' },
                          { guard: 'onRules', target: 'fixing', actions: 'dropRules' },
                        ],
                      },
                    },
                    fixed: { type: 'final' },
                  },
                },
                evaluation: {
                  initial: 'evaluating',
                  states: {
                    evaluating: {
                      meta: meta({
                        label: 'Evaluatie TBO en OBO’s (incl. taakverdeling)',
                        deadline: 'evaluation',
                      }),
                      on: {
                        EVALUATION_COMPLETED: {
                          guard: 'approachAgreed',
                          target: 'completed',
                          actions: 'recordEvaluation',
                        },
                      },
                    },
                    completed: { type: 'final' },
                  },
                },
                budget: {
                  initial: 'evaluating',
                  states: {
                    evaluating: {
                      meta: meta({
                        label: 'Evaluatie taakstellend budget volgende periode',
                        deadline: 'evaluation',
                      }),
                      on: {
                        BUDGET_EVALUATION_COMPLETED: {
                          target: 'completed',
                          actions: 'recordBudgetEvaluation',
                        },
                      },
                    },
                    completed: { type: 'final' },
                  },
                },
                vng: {
                  initial: 'undecided',
                  states: {
                    undecided: {
                      meta: meta({ label: 'VNG besluit over deelname aan de selectie' }),
                      on: {
                        VNG_JOINS_SELECTION: { target: 'joined', actions: 'vngJoins' },
                        VNG_STAYS_OUT: { target: 'out', actions: 'vngStaysOut' },
                        RULES_FIXED: {
                          guard: 'oneMemberDecides',
                          target: 'out',
                          actions: 'vngNoDecision',
                        },
                        CHILD_DONE: { guard: 'rulesAdoptedByConsensus', target: 'open' },
                      },
                    },
                    joined: { type: 'final' },
                    out: { type: 'final' },
                    // Undecided once the rules are fixed: the preparation need not wait for the
                    // VNG, which may still choose until the proposal (preparation and proposing).
                    open: { type: 'final' },
                  },
                },
              },
            },
            selection: {
              initial: 'proposing',
              states: {
                proposing: {
                  meta: meta({ label: 'SBO stelt de meest geschikte TBO en OBO’s voor' }),
                  on: {
                    VNG_JOINS_SELECTION: { guard: 'vngOptionOpen', actions: 'vngJoins' },
                    VNG_STAYS_OUT: { guard: 'vngOptionOpen', actions: 'vngStaysOut' },
                    ASK_VNG_FOR_TBO_ROLE: {
                      guard: 'vngJoined',
                      target: 'vngConsidering',
                      actions: 'askVng',
                    },
                    PROPOSE: { target: 'consent', actions: ['recordProposal', 'closeVngOption'] },
                  },
                },
                vngConsidering: {
                  meta: meta({ label: 'VNG overweegt de rol van TBO' }),
                  on: {
                    VNG_ANSWERS: { target: 'proposing', actions: 'recordVngAnswer' },
                    // The SBO need not wait for an answer that does not come.
                    PROPOSE: { target: 'consent', actions: 'recordProposal' },
                  },
                },
                consent: {
                  meta: meta({ label: 'Instemming van de betrokken organisaties' }),
                  always: [
                    { guard: 'anyRefused', target: 'proposing' },
                    {
                      guard: 'allConsented',
                      target: '#reselection.untilRatification.untilOgbDecision.ogbDecision',
                    },
                  ],
                  on: { CONSENT: { guard: 'consentOpen', actions: 'recordConsent' } },
                },
              },
            },
            ogbDecision: {
              meta: meta({ label: 'Besluit OGB Beheer (consensus)' }),
              on: {
                CHILD_DONE: [
                  { guard: 'childFailed', target: 'ogbDecisionFailed' },
                  {
                    guard: 'adopted',
                    target: '#reselection.untilRatification.boRatification',
                    actions: 'recordOgbDecision',
                  },
                  { target: 'ogbEscalation', actions: ['recordOgbDecision', 'escalate'] },
                ],
              },
            },
            // Both stay inside the OGB deadline: nothing has been decided, the clock runs on.
            ogbDecisionFailed: {
              meta: meta({ label: 'Besluitproces OGB Beheer mislukt: opnieuw starten' }),
              tags: ['needsAttention'],
              on: { RETRY_DECISION: { target: 'ogbDecision', actions: 'nextOgbAttempt' } },
            },
            ogbEscalation: {
              // An escalation process takes the dispute; its agreed outcome lets the run go on.
              meta: meta({ label: 'Geen consensus in het OGB Beheer: op de escalatieladder' }),
              tags: ['escalated'],
              on: {
                CHILD_DONE: [
                  { guard: 'childFailed', target: 'ogbEscalationFailed' },
                  {
                    guard: 'escalationUpholds',
                    target: '#reselection.untilRatification.boRatification',
                    actions: 'recordEscalationOutcome',
                  },
                  {
                    guard: 'fromEscalation',
                    target: 'selection',
                    actions: ['recordEscalationOutcome', 'nextDecisionRound'],
                  },
                ],
              },
            },
            ogbEscalationFailed: {
              meta: meta({ label: 'Escalatieproces mislukt: opnieuw starten' }),
              tags: ['needsAttention'],
              on: {
                RETRY_ESCALATION: { target: 'ogbEscalation', actions: 'nextEscalationAttempt' },
              },
            },
          },
        },
        boRatification: {
          meta: meta({ label: 'Bekrachtiging door het Bestuurlijk Overleg' }),
          on: {
            CHILD_DONE: [
              { guard: 'childFailed', target: 'boDecisionFailed' },
              {
                guard: 'adopted',
                target: '#reselection.awaitingTermStart',
                actions: 'recordBoRatification',
              },
              { target: 'boEscalation', actions: ['recordBoRatification', 'escalate'] },
            ],
          },
        },
        boDecisionFailed: {
          meta: meta({ label: 'Besluitproces Bestuurlijk Overleg mislukt: opnieuw starten' }),
          tags: ['needsAttention'],
          on: { RETRY_DECISION: { target: 'boRatification', actions: 'nextBoAttempt' } },
        },
        boEscalation: {
          meta: meta({ label: 'Geen consensus in het Bestuurlijk Overleg: op de escalatieladder' }),
          tags: ['escalated'],
          on: {
            CHILD_DONE: [
              { guard: 'childFailed', target: 'boEscalationFailed' },
              {
                guard: 'escalationUpholds',
                target: '#reselection.awaitingTermStart',
                actions: 'recordEscalationOutcome',
              },
              {
                guard: 'fromEscalation',
                target: '#reselection.untilRatification.untilOgbDecision.selection',
                actions: ['recordEscalationOutcome', 'nextDecisionRound'],
              },
            ],
          },
        },
        boEscalationFailed: {
          meta: meta({ label: 'Escalatieproces mislukt: opnieuw starten' }),
          tags: ['needsAttention'],
          on: { RETRY_ESCALATION: { target: 'boEscalation', actions: 'nextEscalationAttempt' } },
        },
      },
    },
    awaitingTermStart: {
      meta: meta({ label: 'Wacht op de start van de nieuwe termijn', deadline: 'termStart' }),
      on: { DEADLINE_PASSED: { guard: 'isTermStart', target: 'handedOver' } },
    },
    handedOver: {
      type: 'final',
      meta: meta({ label: 'Overgedragen: de nieuwe termijn is begonnen' }),
      tags: ['handedOver'],
    },
  },
});
