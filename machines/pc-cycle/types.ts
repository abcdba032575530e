import { z } from 'zod';
import type { Actor } from '../actors';
import { calendarDateSchema, deadlineSchema } from '../date-schemas';
import { amsterdamMidnight, calendarDaysBefore } from '../dutch-time';
import { line, text, type Stamp } from '../event-parts';
import { operationalManagers } from '../organisations';
import type { ChildDoneEvent, DeadlinePassedEvent } from '../process-definition';
import type { IndexFigures } from './contributions';
import { nextMeeting } from './meetings';

/**
 * Rule revision (ProcessDefinition.ruleRevisions): plan decisions at the cycle's autumn meetings
 * of its own year rather than the first meeting after submission.
 */
export const AUTUMN_MEETING_RULE = 'pc-cycle-autumn-meeting-2026-12';

const bp = z.number().int().min(-10_000).max(10_000);
export const indexFiguresSchema = z
  .object({
    year: z.number().int().min(2020).max(2100),
    wageIndexBp: bp,
    priceIndexBp: bp,
    wageWeightBp: z.number().int().min(0).max(10_000),
  })
  .strict();

const organisation = line(200).min(1);

export const pcCycleInputSchema = z
  .object({
    year: z.number().int().min(2020).max(2100),
    /** The seed's dates assume the Act takes effect on 1 January 2021. */
    actTakesEffect: calendarDateSchema.default('2021-01-01'),
    meetingDay: z.number().int().min(1).max(28).default(15),
    /** The OGB Beheer's meeting dates, when known; otherwise the cadence of §6.3 is assumed. */
    ogbMeetings: z
      .array(calendarDateSchema)
      .max(40)
      .transform((dates) => [...new Set(dates)].sort())
      .optional(),
    /** Default: the first OGB Beheer meeting from 1 April (accounts over the past year). */
    springDue: deadlineSchema.optional(),
    /** Default: the first OGB Beheer meeting from 1 October (plans and budgets for next year). */
    autumnDue: deadlineSchema.optional(),
    /** Progress and bottlenecks, at least twice a year: by 1 July and by 31 December. */
    progressDues: z.tuple([deadlineSchema, deadlineSchema]).optional(),
    /** The BO discusses the SBO's accountability once a year; default by 31 December. */
    boAccountabilityDue: deadlineSchema.optional(),
    operationalOrganisations: z
      .array(organisation)
      .min(1)
      .max(20)
      .default(operationalManagers.map((o) => o.label))
      .refine((list) => new Set(list).size === list.length, { error: 'each organisation once' }),
    /** The CBS indices per year, as they become known (agencies' method, §7.3). */
    indices: z.array(indexFiguresSchema).max(40).default([]),
  })
  .strict()
  .transform((input) => {
    const cadence = {
      actTakesEffect: input.actTakesEffect,
      meetingDay: input.meetingDay,
      ...(input.ogbMeetings ? { meetings: input.ogbMeetings } : {}),
    };
    // Due by the end of the meeting day: the work is done at the meeting (as in the decision).
    const meeting = (from: string) =>
      calendarDaysBefore(amsterdamMidnight(nextMeeting(from, cadence) ?? from), -1);
    return {
      ...input,
      cadence,
      springDue: input.springDue ?? meeting(`${input.year}-04-01`),
      autumnDue: input.autumnDue ?? meeting(`${input.year}-10-01`),
      progressDues: input.progressDues ?? [
        amsterdamMidnight(`${input.year}-07-01`),
        amsterdamMidnight(`${input.year + 1}-01-01`),
      ],
      boAccountabilityDue:
        input.boAccountabilityDue ?? amsterdamMidnight(`${input.year + 1}-01-01`),
    };
  });
export type PcCycleInput = z.output<typeof pcCycleInputSchema>;

/** The documents each level produces, by who drafts them. */
export const documents = {
  sboAccounts: { role: 'sbo', label: 'Jaarrekening en verantwoording SBO over het vorige jaar' },
  tboAccounts: { role: 'tbo', label: 'Jaarrekening en verantwoording TBO over het vorige jaar' },
  strategicPlan: { role: 'sbo', label: 'Strategisch beheerplan en begroting volgend jaar' },
  tboPlan: { role: 'tbo', label: 'Rollend tactisch beheerplan en begroting volgend jaar' },
} as const;
export type DocumentId = keyof typeof documents;

export const submitPayload = z
  .object({
    document: z.enum(Object.keys(documents) as [DocumentId, ...DocumentId[]]),
    summary: text(4000).min(1),
    /** For the TBO's plan: its budget, earmarked for tactical and for operational management. */
    tacticalCents: z.number().int().nonnegative().max(1e13).optional(),
    operationalCents: z.number().int().nonnegative().max(1e13).optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.document !== 'tboPlan' ||
      (v.tacticalCents !== undefined && v.operationalCents !== undefined),
    {
      error: "the TBO's budget is earmarked: give tacticalCents and operationalCents",
      path: ['tacticalCents'],
    },
  );
export const discussPayload = z
  .object({
    document: z.enum(['sboAccounts', 'tboAccounts']),
    note: text(4000).default(''),
  })
  .strict();
export const notePayload = z.object({ note: text(4000).default('') }).strict();
export const oboPayload = z.object({ organisation, note: text(4000).default('') }).strict();
export const oboPlanPayload = z
  .object({
    organisation,
    summary: text(4000).min(1),
    budgetCents: z.number().int().nonnegative().max(1e13),
  })
  .strict();
export const oboBudgetPayload = z
  .object({ organisation, budgetCents: z.number().int().nonnegative().max(1e13) })
  .strict();
export const indicesPayload = z.object({ figures: indexFiguresSchema }).strict();
export const retryPayload = z
  .object({ plan: z.enum(['strategicPlan', 'tboPlan']), note: text(4000).default('') })
  .strict();

type P<T extends z.ZodType> = z.output<T> & Stamp;
export type PcCycleEvent =
  | ({ type: 'SUBMIT_DOCUMENT' } & P<typeof submitPayload>)
  | ({ type: 'ACCOUNTS_DISCUSSED' } & P<typeof discussPayload>)
  | ({ type: 'BO_ACCOUNTABILITY_DISCUSSED' } & P<typeof notePayload>)
  | ({ type: 'OBO_ACCOUNTS_SUBMITTED' } & P<typeof oboPayload>)
  | ({ type: 'OBO_ACCOUNTS_DISCUSSED' } & P<typeof oboPayload>)
  | ({ type: 'OBO_PLAN_SUBMITTED' } & P<typeof oboPlanPayload>)
  | ({ type: 'OBO_BUDGET_FIXED' } & P<typeof oboBudgetPayload>)
  | ({ type: 'TBO_PLAN_ADOPTED' } & P<typeof notePayload>)
  | ({ type: 'PROGRESS_DISCUSSED' } & P<typeof notePayload>)
  | ({ type: 'INDICES_PUBLISHED' } & P<typeof indicesPayload>)
  | ({ type: 'RETRY_CHILD' } & P<typeof retryPayload>)
  | ChildDoneEvent
  | DeadlinePassedEvent;

export interface Signed {
  at: string;
  by: string;
}

export interface DocumentRecord {
  submitted: (Signed & { summary: string }) | null;
  /** Discussed (accounts) or adopted (plans). */
  concluded: (Signed & { note: string }) | null;
  /** Consensus decisions taken on it (plans), and escalations. */
  decisions: { childId: string; outcome: string; postponed: boolean; at: string }[];
  escalations: { childId: string; outcome: string | null; upholds: boolean; at: string }[];
  attempt: number;
}

export interface OboRecord {
  organisation: string;
  accountsSubmitted: Signed | null;
  accountsDiscussed: Signed | null;
  plan: (Signed & { summary: string; budgetCents: number }) | null;
  fixedBudget: (Signed & { budgetCents: number }) | null;
}

export interface PcCycleContext {
  year: number;
  dues: Pick<PcCycleInput, 'springDue' | 'autumnDue' | 'progressDues' | 'boAccountabilityDue'>;
  cadence: PcCycleInput['cadence'];
  documents: Record<DocumentId, DocumentRecord>;
  tboBudget: { tacticalCents: number; operationalCents: number } | null;
  obos: OboRecord[];
  boAccountability: (Signed & { note: string }) | null;
  progress: (Signed & { note: string })[];
  indices: IndexFigures[];
  overdue: string[];
  /** Rule revisions the run started before (empty for runs under the current rules). */
  olderRules: readonly string[];
}

export interface PcCycleMachineInput {
  input: PcCycleInput;
  actor: Actor;
  at: string;
  olderRules?: readonly string[];
}
