import { assign, setup } from 'xstate';
import { withOverdue } from '../event-parts';
import { organisationIdOf } from '../organisations';
import type { StateMeta } from '../process-definition';
import { decisionKey, escalationKey, type PlanId } from './children';
import type {
  DocumentId,
  DocumentRecord,
  OboRecord,
  PcCycleContext,
  PcCycleEvent,
  PcCycleMachineInput,
} from './types';

type EventOf<T extends PcCycleEvent['type']> = Extract<PcCycleEvent, { type: T }>;
const meta = (value: StateMeta): StateMeta => value;

const emptyDocument = (): DocumentRecord => ({
  submitted: null,
  concluded: null,
  decisions: [],
  escalations: [],
  attempt: 1,
});

/** An organisation named as the cycle lists it, or by its id or alias (as acting-for reads it). */
export const sameOrganisation = (listed: string, named: string): boolean =>
  listed === named || organisationIdOf(listed) === organisationIdOf(named);

const findObo = (context: PcCycleContext, organisation: string) =>
  context.obos.find((o) => o.organisation === organisation) ??
  context.obos.find((o) => sameOrganisation(o.organisation, organisation));

const updateObo = (
  context: PcCycleContext,
  organisation: string,
  change: (obo: OboRecord) => OboRecord,
): OboRecord[] => {
  const target = findObo(context, organisation);
  return context.obos.map((o) => (o === target ? change(o) : o));
};

const updateDocument = (
  context: PcCycleContext,
  id: DocumentId,
  change: (record: DocumentRecord) => DocumentRecord,
) => ({ ...context.documents, [id]: change(context.documents[id]) });

interface DecisionOutput {
  outcome?: string;
  postponed?: boolean;
  resolution?: { outcome?: string; upholdsProposal?: boolean } | null;
}
const outputOf = (event: EventOf<'CHILD_DONE'>) => (event.output ?? {}) as DecisionOutput;

/** The accounts over the past year: drafted by one level, discussed in the OGB Beheer. */
function accountsRegion(document: 'sboAccounts' | 'tboAccounts', label: string) {
  return {
    initial: 'awaited',
    states: {
      awaited: {
        meta: meta({ label: `${label}: opstellen`, deadline: 'spring' }),
        on: {
          SUBMIT_DOCUMENT: {
            guard: { type: 'isDocument', params: { document } },
            target: 'submitted',
            actions: { type: 'recordSubmission', params: { document } },
          },
        },
      },
      submitted: {
        meta: meta({ label: `${label}: bespreken in het OGB Beheer`, deadline: 'spring' }),
        on: {
          ACCOUNTS_DISCUSSED: {
            guard: { type: 'isDocument', params: { document } },
            target: 'discussed',
            actions: { type: 'recordConclusion', params: { document } },
          },
        },
      },
      discussed: { meta: meta({ label: `${label}: besproken` }), type: 'final' },
    },
  } as const;
}

/**
 * A plan for next year: drafted, then decided by consensus in the OGB Beheer (a decision child);
 * without consensus it goes up the escalation ladder, whose outcome either upholds the plan or
 * sends it back to be drafted again. `afterConsensus` is where an adopted plan goes.
 */
function planRegion(plan: PlanId, label: string, afterConsensus: 'adopted' | 'sboAdoption') {
  const child = { type: 'isChild', params: { plan } } as const;
  return {
    initial: 'drafting',
    states: {
      drafting: {
        meta: meta({ label: `${label}: opstellen`, deadline: 'autumn' }),
        on: {
          SUBMIT_DOCUMENT: {
            guard: { type: 'isDocument', params: { document: plan } },
            target: 'ogbDecision',
            actions: { type: 'recordSubmission', params: { document: plan } },
          },
        },
      },
      ogbDecision: {
        meta: meta({ label: `${label}: besluit OGB Beheer (consensus)`, deadline: 'autumn' }),
        on: {
          CHILD_DONE: [
            // A decision run that broke decided nothing: retried, not escalated.
            { guard: { type: 'childFailed', params: { plan } }, target: 'decisionFailed' },
            {
              guard: { type: 'consensus', params: { plan } },
              target: afterConsensus,
              actions: { type: 'recordDecision', params: { plan } },
            },
            {
              guard: child,
              target: 'escalated',
              actions: { type: 'recordDecision', params: { plan } },
            },
          ],
        },
      },
      decisionFailed: {
        meta: meta({
          label: `${label}: besluitproces mislukt, opnieuw starten`,
          deadline: 'autumn',
        }),
        tags: ['needsAttention'],
        on: {
          RETRY_CHILD: {
            guard: { type: 'isPlan', params: { plan } },
            target: 'ogbDecision',
            actions: { type: 'nextChildAttempt', params: { plan } },
          },
        },
      },
      escalationFailed: {
        meta: meta({
          label: `${label}: escalatieproces mislukt, opnieuw starten`,
          deadline: 'autumn',
        }),
        tags: ['needsAttention', 'escalated'],
        on: {
          RETRY_CHILD: {
            guard: { type: 'isPlan', params: { plan } },
            target: 'escalated',
            actions: { type: 'nextChildAttempt', params: { plan } },
          },
        },
      },
      escalated: {
        meta: meta({
          label: `${label}: geen consensus, op de escalatieladder`,
          deadline: 'autumn',
        }),
        tags: ['escalated'],
        on: {
          CHILD_DONE: [
            { guard: { type: 'childFailed', params: { plan } }, target: 'escalationFailed' },
            {
              guard: { type: 'escalationUpholds', params: { plan } },
              target: afterConsensus,
              actions: { type: 'recordEscalation', params: { plan } },
            },
            {
              guard: { type: 'isEscalation', params: { plan } },
              target: 'drafting',
              actions: [
                { type: 'recordEscalation', params: { plan } },
                { type: 'nextAttempt', params: { plan } },
              ],
            },
          ],
        },
      },
      ...(afterConsensus === 'sboAdoption'
        ? ({
            sboAdoption: {
              meta: meta({ label: `${label}: vaststellen door de SBO`, deadline: 'autumn' }),
              on: {
                TBO_PLAN_ADOPTED: {
                  target: 'adopted',
                  actions: { type: 'recordConclusion', params: { document: plan } },
                },
              },
            },
          } as const)
        : {}),
      adopted: {
        meta: meta({ label: `${label}: vastgesteld` }),
        type: 'final',
        entry: { type: 'recordAdoptionByConsensus' as const, params: { plan } },
      },
    },
  } as const;
}

/**
 * The annual planning & control cycle of year Y (seed §6.2–§6.5, §7; DOMAIN.md Process 3). Spring:
 * the accounts over Y−1 of the SBO and the TBO discussed in the OGB Beheer, each OBO's with the TBO,
 * and the BO's yearly discussion of the SBO's accountability. Autumn: the strategic plan and budget
 * for Y+1 adopted by the OGB Beheer by consensus; the TBO's rolling plan and budget adopted by the
 * SBO after consensus in the OGB Beheer; each OBO's work plan approved and its budget fixed by the
 * TBO in advance. Progress is discussed at least twice. Every region runs in parallel; the cycle
 * ends when all are done.
 */
export const pcCycleMachine = setup({
  types: {
    context: {} as PcCycleContext,
    events: {} as PcCycleEvent,
    input: {} as PcCycleMachineInput,
  },
  guards: {
    isDocument: ({ event }, params: { document: DocumentId }) =>
      'document' in event && event.document === params.document,
    childFailed: ({ context, event }, params: { plan: PlanId }) => {
      if (event.type !== 'CHILD_DONE' || event.status !== 'failed') return false;
      const attempt = context.documents[params.plan].attempt;
      return (
        event.key === decisionKey(params.plan, attempt) ||
        event.key === escalationKey(params.plan, attempt)
      );
    },
    isPlan: ({ event }, params: { plan: PlanId }) =>
      event.type === 'RETRY_CHILD' && event.plan === params.plan,
    isChild: ({ context, event }, params: { plan: PlanId }) =>
      event.type === 'CHILD_DONE' &&
      event.key === decisionKey(params.plan, context.documents[params.plan].attempt),
    consensus: ({ context, event }, params: { plan: PlanId }) =>
      event.type === 'CHILD_DONE' &&
      event.key === decisionKey(params.plan, context.documents[params.plan].attempt) &&
      event.status === 'completed' &&
      outputOf(event).outcome === 'adopted',
    isEscalation: ({ context, event }, params: { plan: PlanId }) =>
      event.type === 'CHILD_DONE' &&
      event.key === escalationKey(params.plan, context.documents[params.plan].attempt),
    escalationUpholds: ({ context, event }, params: { plan: PlanId }) =>
      event.type === 'CHILD_DONE' &&
      event.key === escalationKey(params.plan, context.documents[params.plan].attempt) &&
      outputOf(event).resolution?.upholdsProposal === true,
    sboAccountsSubmitted: ({ context }) => context.documents.sboAccounts.submitted !== null,
    oboAccountsOpen: ({ context, event }) => {
      const e = event as EventOf<'OBO_ACCOUNTS_SUBMITTED'>;
      return findObo(context, e.organisation)?.accountsSubmitted === null;
    },
    oboAccountsToDiscuss: ({ context, event }) => {
      const obo = findObo(context, (event as EventOf<'OBO_ACCOUNTS_DISCUSSED'>).organisation);
      return obo !== undefined && obo.accountsSubmitted !== null && obo.accountsDiscussed === null;
    },
    allOboAccountsDiscussed: ({ context }) => context.obos.every((o) => o.accountsDiscussed),
    oboPlanOpen: ({ context, event }) => {
      const obo = findObo(context, (event as EventOf<'OBO_PLAN_SUBMITTED'>).organisation);
      return obo !== undefined && obo.fixedBudget === null;
    },
    oboBudgetToFix: ({ context, event }) => {
      const obo = findObo(context, (event as EventOf<'OBO_BUDGET_FIXED'>).organisation);
      return obo !== undefined && obo.plan !== null && obo.fixedBudget === null;
    },
    allOboBudgetsFixed: ({ context }) => context.obos.every((o) => o.fixedBudget),
  },
  actions: {
    recordSubmission: assign(({ context, event }, params: { document: DocumentId }) => {
      const e = event as EventOf<'SUBMIT_DOCUMENT'>;
      return {
        documents: updateDocument(context, params.document, (record) => ({
          ...record,
          submitted: { at: e.at, by: e.actor.id, summary: e.summary },
        })),
        ...(params.document === 'tboPlan' &&
        e.tacticalCents !== undefined &&
        e.operationalCents !== undefined
          ? { tboBudget: { tacticalCents: e.tacticalCents, operationalCents: e.operationalCents } }
          : {}),
      };
    }),
    recordConclusion: assign(({ context, event }, params: { document: DocumentId }) => {
      const e = event as { at: string; actor: { id: string }; note?: string };
      return {
        documents: updateDocument(context, params.document, (record) => ({
          ...record,
          concluded: { at: e.at, by: e.actor.id, note: e.note ?? '' },
        })),
      };
    }),
    recordAdoptionByConsensus: assign(({ context, event }, params: { plan: PlanId }) => {
      // The TBO's plan is concluded by the SBO's adoption; the strategic plan by the decision.
      if (context.documents[params.plan].concluded !== null) return {};
      const e = event as { at: string; childId?: string };
      return {
        documents: updateDocument(context, params.plan, (record) => ({
          ...record,
          concluded: {
            at: e.at,
            by: e.childId ?? 'ogb',
            note:
              record.escalations.length > 0
                ? 'uitkomst van de escalatie'
                : 'consensus in het OGB Beheer',
          },
        })),
      };
    }),
    recordDecision: assign(({ context, event }, params: { plan: PlanId }) => {
      const e = event as EventOf<'CHILD_DONE'>;
      const output = outputOf(e);
      return {
        documents: updateDocument(context, params.plan, (record) => ({
          ...record,
          decisions: [
            ...record.decisions,
            {
              childId: e.childId,
              outcome: e.status === 'failed' ? 'failed' : (output.outcome ?? 'rejected'),
              postponed: output.postponed === true,
              at: e.at,
            },
          ],
        })),
      };
    }),
    recordEscalation: assign(({ context, event }, params: { plan: PlanId }) => {
      const e = event as EventOf<'CHILD_DONE'>;
      const resolution = outputOf(e).resolution;
      return {
        documents: updateDocument(context, params.plan, (record) => ({
          ...record,
          escalations: [
            ...record.escalations,
            {
              childId: e.childId,
              outcome: resolution?.outcome ?? null,
              upholds: resolution?.upholdsProposal === true,
              at: e.at,
            },
          ],
        })),
      };
    }),
    nextAttempt: assign(({ context }, params: { plan: PlanId }) => ({
      documents: updateDocument(context, params.plan, (record) => ({
        ...record,
        submitted: null,
        attempt: record.attempt + 1,
      })),
      // The budget belonged to the plan sent back; the redrafted plan brings its own.
      ...(params.plan === 'tboPlan' ? { tboBudget: null } : {}),
    })),
    // A new run of the same step (its key needs a new attempt number), the plan unchanged.
    nextChildAttempt: assign(({ context }, params: { plan: PlanId }) => ({
      documents: updateDocument(context, params.plan, (record) => ({
        ...record,
        attempt: record.attempt + 1,
      })),
    })),
    recordBoAccountability: assign({
      boAccountability: ({ event }) => {
        const e = event as EventOf<'BO_ACCOUNTABILITY_DISCUSSED'>;
        return { at: e.at, by: e.actor.id, note: e.note };
      },
    }),
    recordOboAccounts: assign({
      obos: ({ context, event }) => {
        const e = event as EventOf<'OBO_ACCOUNTS_SUBMITTED'>;
        return updateObo(context, e.organisation, (o) => ({
          ...o,
          accountsSubmitted: { at: e.at, by: e.actor.id },
        }));
      },
    }),
    recordOboAccountsDiscussed: assign({
      obos: ({ context, event }) => {
        const e = event as EventOf<'OBO_ACCOUNTS_DISCUSSED'>;
        return updateObo(context, e.organisation, (o) => ({
          ...o,
          accountsDiscussed: { at: e.at, by: e.actor.id },
        }));
      },
    }),
    recordOboPlan: assign({
      obos: ({ context, event }) => {
        const e = event as EventOf<'OBO_PLAN_SUBMITTED'>;
        return updateObo(context, e.organisation, (o) => ({
          ...o,
          plan: { at: e.at, by: e.actor.id, summary: e.summary, budgetCents: e.budgetCents },
        }));
      },
    }),
    recordOboBudget: assign({
      obos: ({ context, event }) => {
        const e = event as EventOf<'OBO_BUDGET_FIXED'>;
        return updateObo(context, e.organisation, (o) => ({
          ...o,
          fixedBudget: { at: e.at, by: e.actor.id, budgetCents: e.budgetCents },
        }));
      },
    }),
    recordProgress: assign({
      progress: ({ context, event }) => {
        const e = event as EventOf<'PROGRESS_DISCUSSED'>;
        return [...context.progress, { at: e.at, by: e.actor.id, note: e.note }];
      },
    }),
    recordIndices: assign({
      indices: ({ context, event }) => {
        const { figures } = event as EventOf<'INDICES_PUBLISHED'>;
        return [...context.indices.filter((i) => i.year !== figures.year), figures].sort(
          (a, b) => a.year - b.year,
        );
      },
    }),
    markOverdue: assign({
      overdue: ({ context, event }) =>
        withOverdue(context.overdue, (event as EventOf<'DEADLINE_PASSED'>).deadline),
    }),
  },
}).createMachine({
  id: 'pcCycle',
  type: 'parallel',
  context: ({ input }) => ({
    year: input.input.year,
    dues: {
      springDue: input.input.springDue,
      autumnDue: input.input.autumnDue,
      progressDues: input.input.progressDues,
      boAccountabilityDue: input.input.boAccountabilityDue,
    },
    cadence: input.input.cadence,
    documents: {
      sboAccounts: emptyDocument(),
      tboAccounts: emptyDocument(),
      strategicPlan: emptyDocument(),
      tboPlan: emptyDocument(),
    },
    tboBudget: null,
    obos: input.input.operationalOrganisations.map((organisation) => ({
      organisation,
      accountsSubmitted: null,
      accountsDiscussed: null,
      plan: null,
      fixedBudget: null,
    })),
    boAccountability: null,
    progress: [],
    indices: input.input.indices,
    overdue: [],
    olderRules: input.olderRules ?? [],
  }),
  output: ({ context }) => ({
    year: context.year,
    documents: context.documents,
    tboBudget: context.tboBudget,
    obos: context.obos,
  }),
  on: {
    DEADLINE_PASSED: { actions: 'markOverdue' },
    INDICES_PUBLISHED: { actions: 'recordIndices' },
  },
  states: {
    sboAccounts: accountsRegion('sboAccounts', 'Jaarrekening en verantwoording SBO'),
    tboAccounts: accountsRegion('tboAccounts', 'Jaarrekening en verantwoording TBO'),
    oboAccounts: {
      initial: 'open',
      states: {
        open: {
          meta: meta({ label: "Jaarrekeningen OBO's: bespreken met de TBO", deadline: 'spring' }),
          always: { guard: 'allOboAccountsDiscussed', target: 'discussed' },
          on: {
            OBO_ACCOUNTS_SUBMITTED: { guard: 'oboAccountsOpen', actions: 'recordOboAccounts' },
            OBO_ACCOUNTS_DISCUSSED: {
              guard: 'oboAccountsToDiscuss',
              actions: 'recordOboAccountsDiscussed',
            },
          },
        },
        discussed: { meta: meta({ label: "Jaarrekeningen OBO's besproken" }), type: 'final' },
      },
    },
    boAccountability: {
      initial: 'awaited',
      states: {
        awaited: {
          meta: meta({
            label: 'BO bespreekt de verantwoording van de SBO',
            deadline: 'boAccountability',
          }),
          on: {
            BO_ACCOUNTABILITY_DISCUSSED: {
              guard: 'sboAccountsSubmitted',
              target: 'discussed',
              actions: 'recordBoAccountability',
            },
          },
        },
        discussed: {
          meta: meta({ label: 'Verantwoording SBO besproken in het BO' }),
          type: 'final',
        },
      },
    },
    strategicPlan: planRegion('strategicPlan', 'Strategisch beheerplan en begroting', 'adopted'),
    tboPlan: planRegion('tboPlan', 'Tactisch beheerplan en begroting TBO', 'sboAdoption'),
    oboPlans: {
      initial: 'open',
      states: {
        open: {
          meta: meta({
            label: "Werkplannen en begrotingen OBO's: vooraf goedkeuren door de TBO",
            deadline: 'autumn',
          }),
          always: { guard: 'allOboBudgetsFixed', target: 'fixed' },
          on: {
            OBO_PLAN_SUBMITTED: { guard: 'oboPlanOpen', actions: 'recordOboPlan' },
            OBO_BUDGET_FIXED: { guard: 'oboBudgetToFix', actions: 'recordOboBudget' },
          },
        },
        fixed: { meta: meta({ label: "Budgetten OBO's vastgesteld" }), type: 'final' },
      },
    },
    progress: {
      initial: 'first',
      states: {
        first: {
          meta: meta({ label: 'Voortgangsoverleg OGB Beheer (1e)', deadline: 'progress1' }),
          on: { PROGRESS_DISCUSSED: { target: 'second', actions: 'recordProgress' } },
        },
        second: {
          meta: meta({ label: 'Voortgangsoverleg OGB Beheer (2e)', deadline: 'progress2' }),
          on: { PROGRESS_DISCUSSED: { target: 'done', actions: 'recordProgress' } },
        },
        done: { meta: meta({ label: 'Voortgang tweemaal besproken' }), type: 'final' },
      },
    },
  },
});
