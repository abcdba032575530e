import { z } from 'zod';
import { line, text, type Stamp } from '../event-parts';
import { calendarDateSchema, deadlineSchema } from '../date-schemas';
import type { DecisionOutput } from '../decision/types';
import { amsterdamDate, amsterdamMidnight } from '../dutch-time';
import type { ChildDoneEvent, DeadlinePassedEvent } from '../process-definition';

const year = z.number().int().min(2019).max(2100);

const termSchema = z.object({ from: year, to: year }).strict();

/**
 * A re-selection of the tactical and operational organisations for the next term (DOMAIN.md,
 * Process 2). Dates not given follow the seed's calendar for the 2022 re-selection, moved to the
 * year two years before the next term starts: 2022 for the term 2024–2028, 2027 for 2029–2033.
 */
export const reselectionInputSchema = z
  .object({
    currentTerm: termSchema.default({ from: 2019, to: 2023 }),
    /** Default: the five years after the current term. */
    nextTerm: termSchema.optional(),
    /** The OGB Beheer fixes the rules and criteria "mid-2022" (§3.6): 1 July. */
    rulesDue: deadlineSchema.optional(),
    /** The evaluation of the TBO and OBOs, before 1 July 2022 (§6.3, §8.2). */
    evaluationDue: deadlineSchema.optional(),
    /** The OGB Beheer decides before 1 October 2022 (§6.2, §8.2; §3.6 says 1 November). */
    ogbDecisionDue: deadlineSchema.optional(),
    /** The decision is put to the BO for ratification before 1 November 2022 (§6.2, §8.2). */
    boRatificationDue: deadlineSchema.optional(),
    ogbMeetingDate: calendarDateSchema.optional(),
    boMeetingDate: calendarDateSchema.optional(),
    /** The new term starts on 1 January of its first year (§6.4). */
    termStart: deadlineSchema.optional(),
  })
  .strict()
  .transform((input) => {
    const nextTerm = input.nextTerm ?? {
      from: input.currentTerm.to + 1,
      to: input.currentTerm.to + 5,
    };
    const year = nextTerm.from - 2;
    const on = (monthDay: string) => amsterdamMidnight(`${year}-${monthDay}`);
    return {
      currentTerm: input.currentTerm,
      nextTerm,
      rulesDue: input.rulesDue ?? on('07-01'),
      evaluationDue: input.evaluationDue ?? on('07-01'),
      ogbDecisionDue: input.ogbDecisionDue ?? on('10-01'),
      boRatificationDue: input.boRatificationDue ?? on('11-01'),
      ogbMeetingDate: input.ogbMeetingDate ?? `${year}-09-15`,
      boMeetingDate: input.boMeetingDate ?? `${year}-10-20`,
      termStart: input.termStart ?? amsterdamMidnight(`${nextTerm.from}-01-01`),
    };
  })
  .superRefine((input, context) => {
    const problem = (path: string[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    // "Voor een periode van vijf jaar" (§3.6, §6.4): the current term too, or the next one's
    // default (the five years after it) would be built on a wrong end year.
    if (input.currentTerm.to !== input.currentTerm.from + 4) {
      problem(['currentTerm', 'to'], 'a term lasts five years (§6.4)');
    }
    if (input.nextTerm.from !== input.currentTerm.to + 1) {
      problem(['nextTerm', 'from'], 'the next term starts the year after the current term ends');
    }
    if (input.nextTerm.to !== input.nextTerm.from + 4) {
      problem(['nextTerm', 'to'], 'a term lasts five years (§6.4)');
    }
    if (!amsterdamDate(input.termStart).startsWith(`${input.nextTerm.from}-`)) {
      problem(['termStart'], `the term starts in ${input.nextTerm.from}`);
    }
    const at = (date: string) => Date.parse(amsterdamMidnight(date));
    const order: [string, number, string, number][] = [
      ['rulesDue', Date.parse(input.rulesDue), 'ogbDecisionDue', Date.parse(input.ogbDecisionDue)],
      [
        'evaluationDue',
        Date.parse(input.evaluationDue),
        'ogbDecisionDue',
        Date.parse(input.ogbDecisionDue),
      ],
      [
        'ogbMeetingDate',
        at(input.ogbMeetingDate),
        'ogbDecisionDue',
        Date.parse(input.ogbDecisionDue),
      ],
      [
        'ogbDecisionDue',
        Date.parse(input.ogbDecisionDue),
        'boMeetingDate',
        at(input.boMeetingDate) + 1,
      ],
      [
        'boMeetingDate',
        at(input.boMeetingDate),
        'boRatificationDue',
        Date.parse(input.boRatificationDue),
      ],
      [
        'boRatificationDue',
        Date.parse(input.boRatificationDue),
        'termStart',
        Date.parse(input.termStart),
      ],
    ];
    for (const [earlier, earlierAt, later, laterAt] of order) {
      if (earlierAt >= laterAt) problem([later], `must come after ${earlier}`);
    }
  });
export type ReselectionInput = z.output<typeof reselectionInputSchema>;

export const notePayload = z.object({ note: text(4000).default('') }).strict();
export const rulesPayload = z
  .object({ rules: text(8000).min(1), criteria: text(8000).min(1) })
  .strict();
/**
 * A draft an OGB member puts on the OGB Beheer's table; the body decides on it by consensus
 * (§6.2) at the meeting given, by default the day it is put forward.
 */
const meetingDate = calendarDateSchema.optional();
export const approachProposalPayload = z.object({ note: text(4000).min(1), meetingDate }).strict();
export const rulesProposalPayload = z
  .object({ rules: text(8000).min(1), criteria: text(8000).min(1), meetingDate })
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
    tbo: line(200).min(1),
    obos: z.array(line(200).min(1)).min(1).max(20),
    changeOfTbo: z.boolean(),
    motivation: text(8000).min(1),
  })
  .strict();
export const consentPayload = z
  .object({ organisation: line(200).min(1), consents: z.boolean(), note: text(4000).default('') })
  .strict();

type Payload<T extends z.ZodType> = z.output<T> & Stamp;
export type ReselectionEvent =
  | ({ type: 'APPROACH_AGREED' } & Payload<typeof notePayload>)
  | ({ type: 'RULES_FIXED' } & Payload<typeof rulesPayload>)
  | ({ type: 'APPROACH_PROPOSED' } & Payload<typeof approachProposalPayload>)
  | ({ type: 'RULES_PROPOSED' } & Payload<typeof rulesProposalPayload>)
  | ({ type: 'EVALUATION_COMPLETED' } & Payload<typeof evaluationPayload>)
  | ({ type: 'BUDGET_EVALUATION_COMPLETED' } & Payload<typeof budgetEvaluationPayload>)
  | ({ type: 'VNG_JOINS_SELECTION' } & Payload<typeof notePayload>)
  | ({ type: 'VNG_STAYS_OUT' } & Payload<typeof notePayload>)
  | ({ type: 'ASK_VNG_FOR_TBO_ROLE' } & Payload<typeof notePayload>)
  | ({ type: 'VNG_ANSWERS' } & Payload<typeof vngAnswerPayload>)
  | ({ type: 'PROPOSE' } & Payload<typeof proposalPayload>)
  | ({ type: 'CONSENT' } & Payload<typeof consentPayload>)
  | ({ type: 'RETRY_DECISION' } & Payload<typeof notePayload>)
  | ({ type: 'RETRY_ESCALATION' } & Payload<typeof notePayload>)
  | DeadlinePassedEvent
  | ChildDoneEvent;

export interface Signed {
  at: string;
  by: string;
}

/** What the OGB Beheer decides in its preparation by consensus (under the current rules). */
export type PreparationTopic = 'approach' | 'rules';

/** A draft on the OGB Beheer's table, as put forward. */
export type Draft = Signed & { meetingDate: string } & (
    { topic: 'approach'; note: string } | { topic: 'rules'; rules: string; criteria: string }
  );

export interface ReselectionContext {
  /**
   * Rule revisions this run started before (ProcessDefinition.ruleRevisions); absent in a
   * snapshot carried over by the code from before the first revision.
   */
  olderRules?: readonly string[];
  currentTerm: { from: number; to: number };
  nextTerm: { from: number; to: number };
  dates: Omit<ReselectionInput, 'currentTerm' | 'nextTerm'>;
  /** `by` is who put it forward; `decisionId` the OGB Beheer's consensus decision, if any. */
  approach: (Signed & { note: string; decisionId?: string }) | null;
  rules: (Signed & { rules: string; criteria: string; decisionId?: string }) | null;
  /** The drafts on the OGB Beheer's table now. */
  drafts: Partial<Record<PreparationTopic, Draft>>;
  /** Earlier drafts the OGB Beheer did not adopt (or whose decision process failed). */
  rejectedDrafts: (Draft & { decisionId: string; outcome: 'rejected' | 'failed' })[];
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
  escalation: {
    reason: string;
    at: string;
    escalationId?: string;
    /** The outcome agreed on the escalation ladder, once it has ended. */
    outcome?: string;
    upholdsProposal?: boolean;
    resolvedAt?: string;
  } | null;
  /** Attempts at each decision; a failed decision process can be started again. */
  attempts: { ogb: number; bo: number; approach: number; rules: number };
  escalationAttempts: number;
  overdue: string[];
}

export interface ReselectionMachineInput {
  input: ReselectionInput;
  olderRules?: readonly string[];
}

/** What a completed re-selection hands on: who was appointed for which term, ratified when. */
export interface ReselectionOutput {
  term: { from: number; to: number };
  termStart: string;
  tbo: string;
  obos: string[];
  changeOfTbo: boolean;
  /** When the BO's ratification (or the escalation outcome that upheld the proposal) came. */
  ratifiedAt: string;
  ratifiedBy: { kind: 'decision' | 'escalation'; id: string };
  ogbDecisionId: string | null;
}
