import { z } from 'zod';
import { line, text, type Stamp } from '../event-parts';
import type { Actor } from '../actors';
import type { DeadlinePassedEvent } from '../process-definition';
import { assessments, type Assessment, type AssessingBody } from './assessments';
import { basicLevelProvisions } from './provisions';
import { calendarDateSchema, deadlineSchema } from '../date-schemas';
import { deriveDues, refuseDuesOutOfOrder } from './dues';

/** A provision's id: its acceptance run is `acceptance:<id>`, in the programme and on its own. */
export const provisionIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. "loket"')
  .max(80);

export const acceptanceInputSchema = z
  .object({
    provision: provisionIdSchema,
    provisionName: line(200).min(1).optional(),
    readyReportNote: text(4000).default(''),
    /**
     * The day the programme reported the provision ready, when that was before this run was
     * started (e.g. in 2018); it decides from when management costs count (seed §7.2).
     */
    readyReportedOn: calendarDateSchema.optional(),
    /** Phase 1 runs until 1 July 2019 (seed §6.4). The dates left out follow (dues.ts). */
    phase1Due: deadlineSchema.optional(),
    /** Phase 2: the six months after phase 1 (1 July up to and including 31 December 2019). */
    phase2Due: deadlineSchema.optional(),
    /** The agreement with the operational manager, by the end of phase 1 (seed §6.5). */
    agreementDue: deadlineSchema.optional(),
    /**
     * Costs of management before the arrangement took effect count from the ready report (the
     * "verstreken periode" of §7.2); later ones from acceptance by the OGB Beheer.
     */
    arrangementStart: calendarDateSchema.default('2019-01-01'),
  })
  .strict()
  .transform((input) => ({
    ...input,
    ...deriveDues(input),
    provisionName: input.provisionName ?? basicLevelProvisions[input.provision] ?? input.provision,
  }))
  .superRefine(refuseDuesOutOfOrder);
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
  .object({ operationalManager: line(200).min(1), note: text(4000).default('') })
  .strict();
export const agreementPreparedPayload = z
  .object({ operationalManager: line(200).min(1), summary: text(4000).min(1) })
  .strict();
export const agreementSignedPayload = z
  .object({ signedOn: calendarDateSchema, summary: text(4000).min(1) })
  .strict();
/** Sent by the programme (acceptance-programme) once every provision is delivered. */
export const phase2OpenedPayload = z.object({ programme: line(300).min(1) }).strict();

export type AcceptanceEvent =
  | ({ type: 'CRITERIA_ADVICE' } & z.output<typeof criteriaAdvicePayload> & Stamp)
  | ({ type: 'FIX_CRITERIA' } & z.output<typeof fixCriteriaPayload> & Stamp)
  | ({ type: 'VERDICT' } & z.output<typeof verdictPayload> & Stamp)
  | ({ type: 'REPAIR_DELIVERED' } & z.output<typeof repairDeliveredPayload> & Stamp)
  | ({ type: 'RESUBMIT' } & z.output<typeof notePayload> & Stamp)
  | ({ type: 'PROVISIONALLY_ACCEPT' } & z.output<typeof notePayload> & Stamp)
  | ({ type: 'TRANSFER_COMPLETED' } & z.output<typeof transferPayload> & Stamp)
  | ({ type: 'AGREEMENT_PREPARED' } & z.output<typeof agreementPreparedPayload> & Stamp)
  | ({ type: 'AGREEMENT_SIGNED' } & z.output<typeof agreementSignedPayload> & Stamp)
  | ({ type: 'PHASE2_OPENED' } & z.output<typeof phase2OpenedPayload> & Stamp)
  | ({ type: 'DEFINITIVELY_ACCEPT' } & z.output<typeof notePayload> & Stamp)
  | DeadlinePassedEvent;

export interface Signed {
  at: string;
  by: string;
}

export type Phase = 'phase1' | 'phase2';

export interface Verdict extends Signed {
  phase: Phase;
  assessment: Assessment;
  body: AssessingBody;
  outcome: 'positive' | 'negative';
  findings: string;
  round: number;
}

export interface Repair {
  phase: Phase;
  round: number;
  assessments: Assessment[];
  findings: string[];
  sentBackAt: string;
  delivered?: Signed & { summary: string; developmentCostCents: number };
  resubmitted?: Signed & { note: string };
  costCategory: 'development';
}

/** From when the costs of managing this provision count (seed §7.2). */
export interface ManagementCosts {
  countFrom: 'readyReport' | 'ogbAcceptance';
  /** The instant they count from; null until the OGB Beheer has accepted. */
  since: string | null;
  reason: string;
}

export interface AcceptanceContext {
  provision: { id: string; name: string };
  readyReport: Signed & { note: string; reportedOn: string };
  phase: Phase;
  phase1Due: string;
  phase2Due: string;
  agreementDue: string;
  criteriaAdvice: (Signed & { advice: string }) | null;
  criteria: (Signed & { perAssessment: Record<Assessment, string> }) | null;
  round: number;
  /** The verdicts that stand now in the current phase, per assessment and body. */
  verdicts: Record<Assessment, Partial<Record<AssessingBody, Verdict>>>;
  /** Every verdict ever given, across repair rounds. */
  verdictLog: Verdict[];
  repairs: Repair[];
  provisionalAcceptance: Partial<Record<AssessingBody, Signed & { note: string }>>;
  transfer: (Signed & { operationalManager: string; note: string }) | null;
  agreement: (Signed & { operationalManager: string; summary: string }) | null;
  agreementSigned: (Signed & { signedOn: string; summary: string }) | null;
  phase2Opened: (Signed & { programme: string }) | null;
  definitiveAcceptance: Partial<Record<AssessingBody, Signed & { note: string }>>;
  /** Discharge of the programme for this provision; it marks the transfer moment (seed §6.4). */
  discharge: { at: string; transferMoment: string } | null;
  managementCosts: ManagementCosts;
  phase1Overdue: boolean;
  phase2Overdue: boolean;
  agreementOverdue: boolean;
}

/** One provision's row of the acceptance matrix: the standing verdicts per phase. */
export type MatrixRow = Record<
  Phase,
  Record<Assessment, Partial<Record<AssessingBody, Omit<Verdict, 'phase' | 'assessment' | 'body'>>>>
>;

/** What a provision's run tells the programme it belongs to. */
export interface AcceptanceReport {
  provision: { id: string; name: string };
  phase: Phase;
  delivered: boolean;
  definitivelyAccepted: boolean;
  matrix: MatrixRow;
  provisionalAcceptance: AcceptanceContext['provisionalAcceptance'];
  definitiveAcceptance: AcceptanceContext['definitiveAcceptance'];
  discharge: AcceptanceContext['discharge'];
  managementCosts: ManagementCosts;
  repairs: number;
  agreement: 'preparing' | 'prepared' | 'signed';
  overdue: string[];
}

export interface AcceptanceMachineInput {
  input: AcceptanceInput;
  actor: Actor;
  at: string;
}
