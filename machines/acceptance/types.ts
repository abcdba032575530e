import { z } from 'zod';
import { text, type Stamp } from '../event-parts';
import type { Actor } from '../actors';
import type { DeadlinePassedEvent } from '../process-definition';
import { assessments, type Assessment, type AssessingBody } from './assessments';
import { basicLevelProvisions } from './provisions';
import { deadlineSchema } from '../date-schemas';
import { amsterdamMidnight } from '../dutch-time';

export const acceptanceInputSchema = z
  .object({
    provision: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. "loket"')
      .max(80),
    provisionName: z.string().min(1).max(200).optional(),
    readyReportNote: z.string().max(4000).default(''),
    /** Phase 1 runs until 1 July 2019 (seed §6.4). */
    phase1Due: deadlineSchema.default(amsterdamMidnight('2019-07-01')),
  })
  .strict()
  .transform((input) => ({
    ...input,
    provisionName: input.provisionName ?? basicLevelProvisions[input.provision] ?? input.provision,
  }));
export type AcceptanceInput = z.output<typeof acceptanceInputSchema>;

export const criteriaAdvicePayload = z.object({ advice: text(4000).min(1) }).strict();
export const fixCriteriaPayload = z
  .object({
    criteria: z
      .object(
        Object.fromEntries(assessments.map((a) => [a, text(4000).min(1)])) as Record<
          Assessment,
          z.ZodString
        >,
      )
      .strict(),
  })
  .strict();
export const verdictPayload = z
  .object({
    assessment: z.enum(assessments),
    outcome: z.enum(['positive', 'negative']),
    findings: text(8000).default(''),
  })
  .strict()
  .refine((v) => v.outcome === 'positive' || v.findings.length > 0, {
    error: 'a negative verdict names the defects found',
    path: ['findings'],
  });
export const repairDeliveredPayload = z
  .object({
    summary: text(4000).min(1),
    /** Repair is development cost, never management cost (seed §7.2); integer euro cents. */
    developmentCostCents: z.number().int().nonnegative().max(1e13),
  })
  .strict();
export const notePayload = z.object({ note: text(4000).default('') }).strict();
export const transferPayload = z
  .object({ operationalManager: text(200).min(1), note: text(4000).default('') })
  .strict();
export const agreementPreparedPayload = z
  .object({ operationalManager: text(200).min(1), summary: text(4000).min(1) })
  .strict();

export type AcceptanceEvent =
  | ({ type: 'CRITERIA_ADVICE' } & z.output<typeof criteriaAdvicePayload> & Stamp)
  | ({ type: 'FIX_CRITERIA' } & z.output<typeof fixCriteriaPayload> & Stamp)
  | ({ type: 'VERDICT' } & z.output<typeof verdictPayload> & Stamp)
  | ({ type: 'REPAIR_DELIVERED' } & z.output<typeof repairDeliveredPayload> & Stamp)
  | ({ type: 'RESUBMIT' } & z.output<typeof notePayload> & Stamp)
  | ({ type: 'PROVISIONALLY_ACCEPT' } & z.output<typeof notePayload> & Stamp)
  | ({ type: 'TRANSFER_COMPLETED' } & z.output<typeof transferPayload> & Stamp)
  | ({ type: 'AGREEMENT_PREPARED' } & z.output<typeof agreementPreparedPayload> & Stamp)
  | DeadlinePassedEvent;

export interface Signed {
  at: string;
  by: string;
}

export interface Verdict extends Signed {
  assessment: Assessment;
  body: AssessingBody;
  outcome: 'positive' | 'negative';
  findings: string;
  round: number;
}

export interface Repair {
  round: number;
  assessments: Assessment[];
  findings: string[];
  sentBackAt: string;
  delivered?: Signed & { summary: string; developmentCostCents: number };
  resubmitted?: Signed & { note: string };
  costCategory: 'development';
}

export interface AcceptanceContext {
  provision: { id: string; name: string };
  readyReport: Signed & { note: string };
  phase1Due: string;
  criteriaAdvice: (Signed & { advice: string }) | null;
  criteria: (Signed & { perAssessment: Record<Assessment, string> }) | null;
  round: number;
  /** The verdicts that stand now, per assessment and body. */
  verdicts: Record<Assessment, Partial<Record<AssessingBody, Verdict>>>;
  /** Every verdict ever given, across repair rounds. */
  verdictLog: Verdict[];
  repairs: Repair[];
  provisionalAcceptance: Partial<Record<AssessingBody, Signed & { note: string }>>;
  transfer: (Signed & { operationalManager: string; note: string }) | null;
  agreement: (Signed & { operationalManager: string; summary: string }) | null;
  phase1Overdue: boolean;
}

export interface AcceptanceMachineInput {
  input: AcceptanceInput;
  actor: Actor;
  at: string;
}
