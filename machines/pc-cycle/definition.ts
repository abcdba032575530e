import type { AnyMachineSnapshot } from 'xstate';
import type { ChildRequest } from '../process-definition';
import { amsterdamMidnight } from '../dutch-time';
import { DEFAULT_REMINDER_DAYS, mustAct, type ProcessDefinition } from '../process-definition';
import { organisationField, wrongRole } from '../refusals';
import { planDecision, planEscalation, type PlanId } from './children';
import { contributionsFor } from './contributions';
import { pcCycleMachine } from './machine';
import {
  accountsToDiscuss,
  knownObo,
  oboAccountsToDiscuss,
  oboBudgetToFix,
  sboHasReported,
  tboPlanAgreed,
} from './refusals';
import { meetingsFrom } from './meetings';
import {
  AUTUMN_MEETING_RULE,
  discussPayload,
  documents,
  indicesPayload,
  notePayload,
  oboBudgetPayload,
  oboPayload,
  oboPlanPayload,
  pcCycleInputSchema,
  retryPayload,
  submitPayload,
  type PcCycleContext,
  type PcCycleInput,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as PcCycleContext;
const plans: PlanId[] = ['strategicPlan', 'tboPlan'];
const organisations = (snapshot: AnyMachineSnapshot, note = false) =>
  contextOf(snapshot).obos.map((o) => ({
    organisation: o.organisation,
    ...(note ? { note: '' } : {}),
  }));

export const pcCycleDefinition: ProcessDefinition<PcCycleInput> = {
  kind: 'pc-cycle',
  title: 'Planning- en controlcyclus',
  machine: pcCycleMachine,
  input: pcCycleInputSchema,
  startRoles: ['sbo'],
  // The TBO drafts the plans these deadlines bind: the principal or the highest body moves them,
  // each where the deadline does not bind it (the SBO drafts its own documents).
  deadlineRoles: ['sbo', 'bo'],
  businessKey: (input) => String(input.year),
  ruleRevisions: [AUTUMN_MEETING_RULE],
  machineInput: (input, started) => ({ input, ...started }),
  events: {
    SUBMIT_DOCUMENT: {
      label: 'Document indienen (jaarrekening, verantwoording, plan en begroting)',
      roles: ['sbo', 'tbo'],
      payload: submitPayload,
      authorise: (_snapshot, actor, payload) => {
        const drafter = documents[payload.document as keyof typeof documents].role;
        return actor.role === drafter
          ? undefined
          : wrongRole(`the ${drafter} drafts this document`);
      },
      options: (_snapshot, actor) =>
        (Object.keys(documents) as (keyof typeof documents)[])
          .filter((d) => documents[d].role === actor.role)
          .map((document) => ({
            document,
            summary: documents[document].label,
            ...(document === 'tboPlan' ? { tacticalCents: 0, operationalCents: 0 } : {}),
          })),
    },
    ACCOUNTS_DISCUSSED: {
      label: 'Jaarrekening en verantwoording besproken (OGB Beheer)',
      roles: ['ogb'],
      payload: discussPayload,
      authorise: accountsToDiscuss,
      options: () => [{ document: 'sboAccounts' }, { document: 'tboAccounts' }],
    },
    BO_ACCOUNTABILITY_DISCUSSED: {
      label: 'Verantwoording SBO besproken (BO)',
      roles: ['bo'],
      payload: notePayload,
      authorise: sboHasReported,
    },
    OBO_ACCOUNTS_SUBMITTED: {
      label: 'Jaarrekening OBO ingediend',
      roles: ['obo'],
      payload: oboPayload,
      authorise: knownObo,
      actsFor: {
        organisation: organisationField('organisation'),
        act: (name) => ({
          nl: `de jaarrekening van ${name} indienen`,
          en: `submit ${name}'s accounts`,
        }),
      },
      options: (snapshot) => organisations(snapshot, true),
    },
    // The TBO discusses each OBO's accounts and fixes its budget as its principal (seed §6.5).
    OBO_ACCOUNTS_DISCUSSED: {
      label: 'Jaarrekening OBO besproken (TBO)',
      roles: ['tbo'],
      payload: oboPayload,
      authorise: oboAccountsToDiscuss,
      options: (snapshot) => organisations(snapshot, true),
    },
    OBO_PLAN_SUBMITTED: {
      label: 'Werkplan en begroting OBO ingediend',
      roles: ['obo'],
      payload: oboPlanPayload,
      authorise: knownObo,
      actsFor: {
        organisation: organisationField('organisation'),
        act: (name) => ({
          nl: `het werkplan en de begroting van ${name} indienen`,
          en: `submit ${name}'s work plan and budget`,
        }),
      },
      options: (snapshot) =>
        organisations(snapshot).map((o) => ({ ...o, summary: 'werkplan', budgetCents: 0 })),
    },
    OBO_BUDGET_FIXED: {
      label: 'Werkplan goedgekeurd, budget OBO vastgesteld (TBO)',
      roles: ['tbo'],
      payload: oboBudgetPayload,
      authorise: oboBudgetToFix,
      options: (snapshot) => organisations(snapshot).map((o) => ({ ...o, budgetCents: 0 })),
    },
    TBO_PLAN_ADOPTED: {
      label: 'Tactisch beheerplan en begroting vastgesteld (SBO)',
      roles: ['sbo'],
      payload: notePayload,
      authorise: tboPlanAgreed,
    },
    PROGRESS_DISCUSSED: {
      label: 'Voortgang en knelpunten besproken (OGB Beheer)',
      roles: ['ogb'],
      payload: notePayload,
    },
    RETRY_CHILD: {
      label: 'Mislukt besluit- of escalatieproces opnieuw starten',
      roles: ['sbo'],
      payload: retryPayload,
      options: () => [{ plan: 'strategicPlan' }, { plan: 'tboPlan' }],
    },
    INDICES_PUBLISHED: {
      label: 'CBS-indexcijfers van een jaar vastleggen',
      roles: ['sbo'],
      payload: indicesPayload,
      options: (snapshot) => [
        {
          figures: {
            year: contextOf(snapshot).year,
            wageIndexBp: 0,
            priceIndexBp: 0,
            wageWeightBp: 0,
          },
        },
      ],
    },
  },
  deadlines: {
    spring: {
      label: 'Voorjaar: jaarrekeningen en verantwoording besproken',
      due: (snapshot) => contextOf(snapshot).dues.springDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      // Both levels draft their accounts, the OGB Beheer discusses them, the OBOs and the TBO theirs.
      boundBy: mustAct('sbo', 'tbo', 'ogb', 'obo'),
    },
    autumn: {
      label: 'Najaar: plannen en begrotingen voor volgend jaar vastgesteld',
      due: (snapshot) => contextOf(snapshot).dues.autumnDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('sbo', 'tbo', 'ogb', 'obo'),
      // Next year's plans and budgets are fixed before that year begins.
      latest: (snapshot) => {
        const year = contextOf(snapshot).year + 1;
        return {
          at: amsterdamMidnight(`${year}-01-01`),
          nl: `vóór het begrotingsjaar ${year}`,
          en: `before the budget year ${year} begins`,
        };
      },
    },
    boAccountability: {
      label: 'BO bespreekt de verantwoording van de SBO',
      due: (snapshot) => contextOf(snapshot).dues.boAccountabilityDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('bo'),
    },
    progress1: {
      label: 'Eerste voortgangsoverleg',
      due: (snapshot) => contextOf(snapshot).dues.progressDues[0],
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('ogb'),
    },
    progress2: {
      label: 'Tweede voortgangsoverleg',
      due: (snapshot) => contextOf(snapshot).dues.progressDues[1],
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('ogb'),
    },
  },
  children: (snapshot) => {
    const context = contextOf(snapshot);
    return plans.flatMap((plan): ChildRequest[] => {
      if (snapshot.matches({ [plan]: 'ogbDecision' })) return [planDecision(context, plan)];
      if (snapshot.matches({ [plan]: 'escalated' })) return [planEscalation(context, plan)];
      // Failed runs keep their key: nothing new starts until the SBO retries.
      return [];
    });
  },
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    if (snapshot.status === 'done') return `P&C ${context.year}: cyclus afgerond`;
    const open = [
      ...(Object.keys(documents) as (keyof typeof documents)[])
        .filter((d) => context.documents[d].concluded === null)
        .map((d) => documents[d].label),
      ...(context.obos.some((o) => !o.accountsDiscussed) ? ["jaarrekeningen OBO's"] : []),
      ...(context.obos.some((o) => !o.fixedBudget) ? ["budgetten OBO's"] : []),
      ...(context.boAccountability ? [] : ['verantwoording SBO in het BO']),
      ...(context.progress.length < 2 ? [`voortgangsoverleg (${context.progress.length}/2)`] : []),
    ];
    const escalated = snapshot.hasTag('escalated') ? ' — op de escalatieladder' : '';
    const late =
      context.overdue.length > 0 ? ` — over de termijn: ${context.overdue.join(', ')}` : '';
    return `P&C ${context.year}: open: ${open.join('; ')}${escalated}${late}`;
  },
  publicContext: (snapshot) => {
    const context = contextOf(snapshot);
    return {
      year: context.year,
      dues: context.dues,
      ogbMeetings: meetingsFrom(`${context.year}-01-01`, context.cadence, 12).filter((d) =>
        d.startsWith(String(context.year)),
      ),
      documents: context.documents,
      // The case page names the documents as the arrangement does (server/dashboard/src/case-content).
      documentLabels: Object.fromEntries(
        Object.entries(documents).map(([id, document]) => [id, document.label]),
      ),
      tboBudget: context.tboBudget,
      obos: context.obos,
      boAccountability: context.boAccountability,
      progress: context.progress,
      indices: context.indices,
      contributions: {
        thisYear: contributionsFor(context.year, context.indices),
        nextYear: contributionsFor(context.year + 1, context.indices),
      },
      overdue: context.overdue,
    };
  },
};
