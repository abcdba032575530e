import { z } from 'zod';
import type { Role } from '../actors';
import { dayUnitSchema, type DayUnit } from '../working-days';
import type { DecisionOutput } from '../decision/types';
import { slugSchema } from '../decision/types';
import { line, text, type Stamp } from '../event-parts';
import type { ChildDoneEvent, DeadlinePassedEvent } from '../process-definition';

/**
 * Where a dispute arose (seed §8.1, §6.2). `sides`: the parties to it — a body in dispute within
 * itself is every member of it (the Minister of BZK sits in the BO for the Rijk).
 */
export const origins = {
  'sbo-tbo': {
    label: 'Tussen SBO en TBO',
    firstRung: 'principalAgent',
    line: ['sbo', 'tbo'],
    sides: ['sbo', 'tbo'],
  },
  'tbo-obo': {
    label: 'Tussen TBO en OBO',
    firstRung: 'principalAgent',
    line: ['tbo', 'obo'],
    sides: ['tbo', 'obo'],
  },
  'sbo-ogb': {
    label: 'Tussen SBO en OGB Beheer',
    firstRung: 'ogb',
    line: [],
    sides: ['sbo', 'ogb'],
  },
  'within-ogb': { label: 'Binnen het OGB Beheer', firstRung: 'ogb', line: [], sides: ['ogb'] },
  'ogb-consensus': {
    label: 'Geen consensus in het OGB Beheer',
    firstRung: 'bo',
    line: [],
    sides: ['ogb'],
  },
  'bo-consensus': {
    label: 'Geen consensus in het Bestuurlijk Overleg',
    firstRung: 'bo',
    line: [],
    sides: ['bo', 'minister'],
  },
} as const satisfies Record<
  string,
  { label: string; firstRung: Rung; line: readonly Role[]; sides: readonly Role[] }
>;
export type Origin = keyof typeof origins;
export const originNames = Object.keys(origins) as [Origin, ...Origin[]];

export const rungs = ['principalAgent', 'ogb', 'bo', 'settlement', 'court'] as const;
export type Rung = (typeof rungs)[number];

/** The governments' representatives who may settle, go to court or record a ruling. */
export const governmentRoles: readonly Role[] = ['sbo', 'ogb', 'bo', 'minister'];

const days = z.number().int().min(1).max(730);

export const escalationInputSchema = z
  .object({
    // Room for the suffix of its BO consultation rounds ("-bo-10").
    disputeKey: slugSchema.max(90, 'at most 90 characters'),
    subject: line(200).min(1),
    description: text(8000).min(1),
    origin: z.enum(originNames),
    /** Time boxes per rung, in days of `timeBoxUnit` (court: the court's own pace). */
    timeBoxDays: z
      .object({
        principalAgent: days.default(60),
        ogb: days.default(60),
        bo: days.default(120),
        settlement: days.default(120),
      })
      .strict()
      .default({ principalAgent: 60, ogb: 60, bo: 120, settlement: 120 }),
    /** How the time boxes count: calendar days (the default), working days, or the Algemene termijnenwet. */
    timeBoxUnit: dayUnitSchema.default('calendar'),
    /** BO consultation rounds before the amicable settlement starts. */
    maxBoRounds: z.number().int().min(1).max(10).default(3),
  })
  .strict();
export type EscalationInput = z.output<typeof escalationInputSchema>;

export const resolvePayload = z
  .object({
    outcome: text(8000).min(1),
    /** Whether the outcome upholds the proposal the dispute is about (where there is one). */
    upholdsProposal: z.boolean(),
  })
  .strict();
export const notePayload = z.object({ note: text(4000).default('') }).strict();

type Payload<T extends z.ZodType> = z.output<T> & Stamp;
export type EscalationEvent =
  | ({ type: 'RESOLVE' } & Payload<typeof resolvePayload>)
  | ({ type: 'MANDATE_LACKING' } & Payload<typeof notePayload>)
  | ({ type: 'SETTLEMENT_FAILED' } & Payload<typeof notePayload>)
  | ({ type: 'GO_TO_COURT' } & Payload<typeof notePayload>)
  | ({ type: 'COURT_RULING' } & Payload<typeof resolvePayload>)
  | DeadlinePassedEvent
  | ChildDoneEvent;

export interface RungRecord {
  rung: Rung;
  startedAt: string;
  endedAt?: string;
  note?: string;
}

export interface EscalationContext {
  disputeKey: string;
  subject: string;
  description: string;
  origin: Origin;
  timeBoxDays: EscalationInput['timeBoxDays'];
  /** Absent in snapshots of runs started before units existed: calendar days. */
  timeBoxUnit?: DayUnit;
  maxBoRounds: number;
  rungs: RungRecord[];
  boRounds: (DecisionOutput & { decisionId: string; round: number })[];
  /** Decision processes started in the BO, counting any that failed technically. */
  boAttempts: number;
  boRoundStartedAt: string;
  courtCase: { filedBy: string; at: string; note: string } | null;
  resolution: {
    rung: Rung;
    outcome: string;
    upholdsProposal: boolean;
    by: string;
    at: string;
  } | null;
  overdue: string[];
}

export interface EscalationMachineInput {
  input: EscalationInput;
  at: string;
}
