import { z } from 'zod';
import type { Actor } from '../actors';
import { calendarDateSchema, deadlineSchema } from '../date-schemas';
import { slugSchema } from '../decision/types';
import { calendarMonthsAfter } from '../dutch-time';
import { deriveDues, EXTENSION_PROTOCOL_MONTHS, refuseDuesOutOfOrder } from '../acceptance/dues';
import { line, text, type Stamp } from '../event-parts';
import type { ChildProgressEvent, DeadlinePassedEvent } from '../process-definition';
import type { AssessingBody } from '../acceptance/assessments';
import { basicLevelProvisions } from '../acceptance/provisions';
import { provisionIdSchema, type AcceptanceReport } from '../acceptance/types';

const provisionSchema = z
  .object({ id: provisionIdSchema, name: line(200).min(1).optional() })
  .strict();

export const programmeInputSchema = z
  .object({
    programme: slugSchema.default('dso-lv'),
    name: line(200).min(1).default('DSO-LV als geheel'),
    /** Default: the provisions of the basic level (seed §4.2). */
    provisions: z
      .array(provisionSchema)
      .min(1)
      .max(100)
      .default(Object.keys(basicLevelProvisions).map((id) => ({ id })))
      .refine((list) => new Set(list.map((p) => p.id)).size === list.length, {
        error: 'each provision is listed once',
      }),
    /**
     * Every provision delivered (provisionally accepted) by the end of phase 1 (seed §6.4); the
     * dates left out follow from the ones given (machines/acceptance/dues.ts).
     */
    phase1Due: deadlineSchema.optional(),
    /** Phase 2: the six months after phase 1 (1 July up to and including 31 December 2019). */
    phase2Due: deadlineSchema.optional(),
    /** Agreements with the operational managers by the end of phase 1 (seed §6.5). */
    agreementDue: deadlineSchema.optional(),
    /**
     * The TBO proposes an acceptance protocol for extensions "uiterlijk in het 3e kwartaal 2020 of
     * zoveel eerder als nodig" (§6.4): by default three quarters after phase 2; earlier is allowed.
     */
    extensionProtocolDue: deadlineSchema.optional(),
  })
  .strict()
  .transform((input) => {
    const dues = deriveDues(input);
    return {
      ...input,
      ...dues,
      extensionProtocolDue:
        input.extensionProtocolDue ??
        calendarMonthsAfter(dues.phase2Due, EXTENSION_PROTOCOL_MONTHS),
      provisions: input.provisions.map((p) => ({
        id: p.id,
        name: p.name ?? basicLevelProvisions[p.id] ?? p.id,
      })),
    };
  })
  .superRefine(refuseDuesOutOfOrder);
export type ProgrammeInput = z.output<typeof programmeInputSchema>;

export const readyReportPayload = z
  .object({
    provision: provisionIdSchema,
    note: text(4000).default(''),
    /** When the ready report was made earlier than now (decides management costs, §7.2). */
    readyReportedOn: calendarDateSchema.optional(),
  })
  .strict();
export const knownStatePayload = z
  .object({ provision: provisionIdSchema, note: text(4000).min(1) })
  .strict();
export const wholeAcceptPayload = z.object({ note: text(4000).default('') }).strict();
export const wholeDefectsPayload = z.object({ findings: text(8000).min(1) }).strict();
export const wholeRepairedPayload = z
  .object({
    summary: text(4000).min(1),
    /** Repair is development cost, never management cost (seed §7.2); integer euro cents. */
    developmentCostCents: z.number().int().nonnegative().max(1e13),
  })
  .strict();
export const extensionProtocolPayload = z.object({ summary: text(4000).min(1) }).strict();

export type ProgrammeEvent =
  | ({ type: 'READY_REPORT' } & z.output<typeof readyReportPayload> & Stamp)
  | ({ type: 'ACCEPT_KNOWN_STATE' } & z.output<typeof knownStatePayload> & Stamp)
  | ({ type: 'DEFINITIVELY_ACCEPT_WHOLE' } & z.output<typeof wholeAcceptPayload> & Stamp)
  | ({ type: 'REPORT_WHOLE_DEFECTS' } & z.output<typeof wholeDefectsPayload> & Stamp)
  | ({ type: 'WHOLE_REPAIRED' } & z.output<typeof wholeRepairedPayload> & Stamp)
  | ({ type: 'EXTENSION_PROTOCOL_PROPOSED' } & z.output<typeof extensionProtocolPayload> & Stamp)
  | ChildProgressEvent
  | DeadlinePassedEvent;

export interface Signed {
  at: string;
  by: string;
}

export interface ProvisionEntry {
  id: string;
  name: string;
  readyReport: (Signed & { note: string; readyReportedOn?: string }) | null;
  childId: string | null;
  /** The provision run's own summary and report, as it last reported them. */
  summary: string | null;
  report: AcceptanceReport | null;
  /**
   * Both bodies' acceptance of a provision's known state instead of its definitive acceptance:
   * only in runs started before DEFINITIVE_ACCEPTANCE_ONLY (rules.ts); always empty in others.
   */
  knownState: Partial<Record<AssessingBody, Signed & { note: string }>>;
}

export interface WholeDefects extends Signed {
  round: number;
  findings: string;
  repaired?: Signed & { summary: string; developmentCostCents: number };
}

export interface ProgrammeContext {
  programme: { id: string; name: string };
  provisions: ProvisionEntry[];
  dues: Pick<ProgrammeInput, 'phase1Due' | 'phase2Due' | 'agreementDue' | 'extensionProtocolDue'>;
  phase2OpenedAt: string | null;
  wholeAcceptance: Partial<Record<AssessingBody, Signed & { note: string }>>;
  wholeDefects: WholeDefects[];
  /** Discharge of the programme for DSO-LV as a whole. */
  discharge: { at: string } | null;
  extensionProtocol: (Signed & { summary: string }) | null;
  overdue: string[];
  /** The rule revisions this run started before (ProcessDefinition.ruleRevisions). */
  olderRules: readonly string[];
}

export interface ProgrammeMachineInput {
  input: ProgrammeInput;
  actor: Actor;
  at: string;
  olderRules?: readonly string[];
}
