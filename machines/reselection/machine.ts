import { assign, setup } from 'xstate';
import type { DecisionOutput } from '../decision/types';
import { withOverdue } from '../event-parts';
import type { StateMeta } from '../process-definition';
import type { ReselectionContext, ReselectionEvent, ReselectionMachineInput } from './types';

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
      // Rules are fixed before candidates are assessed: a VNG that has not joined by then stays out.
      vng: ({ context }) => ({ ...context.vng, joins: false }),
    }),
    nextEscalationAttempt: assign({
      escalationAttempts: ({ context }) => context.escalationAttempts + 1,
    }),
    // The proposal did not survive the escalation: a new proposal gets new decisions.
    nextDecisionRound: assign({
      attempts: ({ context }) => ({ ogb: context.attempts.ogb + 1, bo: context.attempts.bo + 1 }),
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
      currentTerm,
      nextTerm,
      dates,
      approach: null,
      rules: null,
      evaluation: null,
      budgetEvaluation: null,
      vng: { joins: null, askedForTboRole: null, acceptsTboRole: null },
      proposals: [],
      consents: [],
      ogbDecision: null,
      boRatification: null,
      escalation: null,
      attempts: { ogb: 1, bo: 1 },
      escalationAttempts: 1,
      overdue: [],
    };
  },
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
              states: {
                approach: {
                  initial: 'agreeing',
                  states: {
                    agreeing: {
                      meta: meta({ label: 'Afspraken over inhoud en aanpak van de evaluatie' }),
                      on: { APPROACH_AGREED: { target: 'agreed', actions: 'recordApproach' } },
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
                      on: { RULES_FIXED: { target: 'fixed', actions: 'recordRules' } },
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
                        RULES_FIXED: { target: 'out', actions: 'vngNoDecision' },
                      },
                    },
                    joined: { type: 'final' },
                    out: { type: 'final' },
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
                    ASK_VNG_FOR_TBO_ROLE: {
                      guard: 'vngJoined',
                      target: 'vngConsidering',
                      actions: 'askVng',
                    },
                    PROPOSE: { target: 'consent', actions: 'recordProposal' },
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
