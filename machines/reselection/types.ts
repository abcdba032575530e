import { z } from 'zod';
import type { Actor } from '../actors';
import { calendarDateSchema, deadlineSchema } from '../date-schemas';
import type { DecisionOutput } from '../decision/types';
import { amsterdamMidnight } from '../dutch-time';
import type { ChildDoneEvent, DeadlinePassedEvent } from '../process-definition';

const text = (max: number) => z.string().trim().max(max);
const year = z.number().int().min(2019).max(2100);
const dateDefault = (date: string) => deadlineSchema.default(amsterdamMidnight(date));

/**
 * A re-selection of the tactical and operational organisations for the next term (DOMAIN.md,
 * Process 2). Every date defaults to the seed's value for the 2022 re-selection (term 2024–2028);
 * later terms pass their own (e.g. 2029–2033 with dates in 2027).
 */
export const reselectionInputSchema = z
  .object({
    currentTerm: z.object({ from: year, to: year }).strict().default({ from: 2019, to: 2023 }),
    nextTerm: z.object({ from: year, to: year }).strict().default({ from: 2024, to: 2028 }),
    /** The OGB Beheer fixes the rules and criteria of the selection "mid-2022" (§3.6). */
    rulesDue: dateDefault('2022-07-01'),
    /** The evaluation of the TBO and OBOs, before 1 July 2022 (§6.3, §8.2). */
    evaluationDue: dateDefault('2022-07-01'),
    /** The OGB Beheer decides before 1 October 2022 (§6.2, §8.2; §3.6 says 1 November). */
    ogbDecisionDue: dateDefault('2022-10-01'),
    /** The decision is put to the BO for ratification before 1 November 2022 (§6.2, §8.2). */
    boRatificationDue: dateDefault('2022-11-01'),
    ogbMeetingDate: calendarDateSchema.default('2022-09-15'),
    boMeetingDate: calendarDateSchema.default('2022-10-20'),
    /** The new term starts (§6.4). */
    termStart: dateDefault('2024-01-01'),
  })
  .strict()
  .refine((input) => input.nextTerm.from === input.currentTerm.to + 1, {
    path: ['nextTerm', 'from'],
    error: 'the next term starts the year after the current term ends',
  });
export type ReselectionInput = z.output<typeof reselectionInputSchema>;

export const notePayload = z.object({ note: text(4000).default('') }).strict();
export const rulesPayload = z
  .object({ rules: text(8000).min(1), criteria: text(8000).min(1) })
  .strict();
export const evaluationPayload = z
  .object({ findings: text(8000).min(1), taskDivision: text(8000).min(1) })
  .strict();
export const budgetEvaluationPayload = z
  .object({
    /** The fixed task budget proposed for the next budget period, per year, in euro cents. */
    yearlyBudgetCents: z.number().int().positive().max(1e13),
    period: z.string().regex(/^\d{4}-\d{4}$/, 'e.g. "2024-2027"'),
    findings: text(8000).default(''),
  })
  .strict();
export const vngAnswerPayload = z
  .object({ accepts: z.boolean(), note: text(4000).default('') })
  .strict();
export const proposalPayload = z
  .object({
    tbo: text(200).min(1),
    obos: z.array(text(200).min(1)).min(1).max(20),
    changeOfTbo: z.boolean(),
    motivation: text(8000).min(1),
  })
  .strict();
export const consentPayload = z
  .object({ organisation: text(200).min(1), consents: z.boolean(), note: text(4000).default('') })
  .strict();

interface Stamp {
  actor: Actor;
  at: string;
}
type Payload<T extends z.ZodType> = z.output<T> & Stamp;
export type ReselectionEvent =
  | ({ type: 'APPROACH_AGREED' } & Payload<typeof notePayload>)
  | ({ type: 'RULES_FIXED' } & Payload<typeof rulesPayload>)
  | ({ type: 'EVALUATION_COMPLETED' } & Payload<typeof evaluationPayload>)
  | ({ type: 'BUDGET_EVALUATION_COMPLETED' } & Payload<typeof budgetEvaluationPayload>)
  | ({ type: 'VNG_JOINS_SELECTION' } & Payload<typeof notePayload>)
  | ({ type: 'VNG_STAYS_OUT' } & Payload<typeof notePayload>)
  | ({ type: 'ASK_VNG_FOR_TBO_ROLE' } & Payload<typeof notePayload>)
  | ({ type: 'VNG_ANSWERS' } & Payload<typeof vngAnswerPayload>)
  | ({ type: 'PROPOSE' } & Payload<typeof proposalPayload>)
  | ({ type: 'CONSENT' } & Payload<typeof consentPayload>)
  | DeadlinePassedEvent
  | ChildDoneEvent;

export interface Signed {
  at: string;
  by: string;
}

export interface ReselectionContext {
  currentTerm: { from: number; to: number };
  nextTerm: { from: number; to: number };
  dates: Omit<ReselectionInput, 'currentTerm' | 'nextTerm'>;
  approach: (Signed & { note: string }) | null;
  rules: (Signed & { rules: string; criteria: string }) | null;
  evaluation: (Signed & { findings: string; taskDivision: string }) | null;
  budgetEvaluation:
    (Signed & { yearlyBudgetCents: number; period: string; findings: string }) | null;
  vng: {
    joins: boolean | null;
    askedForTboRole: Signed | null;
    acceptsTboRole: boolean | null;
  };
  proposals: (Signed & z.output<typeof proposalPayload> & { round: number })[];
  consents: (Signed & { organisation: string; consents: boolean; note: string; round: number })[];
  ogbDecision: (DecisionOutput & { decisionId: string }) | null;
  boRatification: (DecisionOutput & { decisionId: string }) | null;
  escalation: { reason: string; at: string } | null;
  overdue: string[];
}

export interface ReselectionMachineInput {
  input: ReselectionInput;
}
