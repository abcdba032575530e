import { z } from 'zod';
import { line, text, type Stamp } from '../event-parts';
import { parties, partySchema, roleSchema, type Party } from '../actors';
import { deadlineSchema } from '../date-schemas';
import type { DeadlinePassedEvent } from '../process-definition';

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. "begroting-2025"')
  .max(100, 'at most 100 characters (child processes add a suffix)');

/** Who chairs the meeting: the Minister of BZK chairs the BO (seed §3); another government the OGB Beheer. */
export const chairSchema = z.object({ role: roleSchema, party: partySchema }).strict();
export type Chair = z.infer<typeof chairSchema>;

export const decisionInputSchema = z
  .object({
    decisionKey: slugSchema,
    body: z.enum(['ogb', 'bo']),
    subject: line(200).min(1),
    proposal: text(8000).min(1),
    /** The meeting at which the decision is to be taken (a date means that day). */
    meetingDate: deadlineSchema,
    chair: chairSchema.optional(),
  })
  .strict()
  .refine(
    (input) =>
      !input.chair ||
      (input.body === 'ogb'
        ? input.chair.role === 'ogb' && input.chair.party !== 'rijk'
        : input.chair.role === 'minister' && input.chair.party === 'rijk'),
    {
      path: ['chair'],
      error:
        'the OGB Beheer is chaired by the member of another government than the Rijk; the BO by the Minister of BZK (minister, rijk)',
    },
  )
  .transform((input) => ({
    ...input,
    chair:
      input.chair ??
      (input.body === 'bo'
        ? ({ role: 'minister', party: 'rijk' } as const)
        : ({ role: 'ogb', party: 'vng' } as const)),
  }));
export type DecisionInput = z.output<typeof decisionInputSchema>;

export const positionValues = ['agree', 'object'] as const;
export const authoriseProxyPayload = z.object({ holder: partySchema }).strict();
export const positionPayload = z
  .object({
    position: z.enum(positionValues),
    /** The absent party whose proxy the sender holds; omitted when a party speaks for itself. */
    onBehalfOf: partySchema.optional(),
    note: text(4000).default(''),
  })
  .strict();
export const writtenVotePayload = z
  .object({ party: partySchema, position: z.enum(positionValues), note: text(4000).default('') })
  .strict();
export const chairNotePayload = z.object({ note: text(4000).default('') }).strict();

export type DecisionEvent =
  | ({ type: 'AUTHORISE_PROXY' } & z.output<typeof authoriseProxyPayload> & Stamp)
  | ({ type: 'POSITION' } & z.output<typeof positionPayload> & Stamp)
  | ({ type: 'WRITTEN_VOTE' } & z.output<typeof writtenVotePayload> & Stamp)
  | ({ type: 'CLOSE_MEETING' } & z.output<typeof chairNotePayload> & Stamp)
  | ({ type: 'OPEN_SECOND_MEETING' } & z.output<typeof chairNotePayload> & Stamp)
  | DeadlinePassedEvent;

export interface Position {
  party: Party;
  position: (typeof positionValues)[number];
  /** present: the party itself; proxy: another party on its behalf; written: to the chair. */
  how: 'present' | 'proxy' | 'written';
  by: string;
  at: string;
  note: string;
  /**
   * The meeting it was made known at; a first meeting's position stands at the second unless the
   * party changes it there. Absent in runs on the rules before 'decision-rules-2026-12'.
   */
  round?: 1 | 2;
}

export interface MeetingRecord {
  round: 1 | 2;
  closedAt: string;
  closedBy: string;
  positions: Position[];
  absent: Party[];
  note: string;
}

/** How a decision ends: undecided when nobody took part in the second meeting. */
export type DecisionOutcome = 'adopted' | 'rejected' | 'undecided';

export interface DecisionContext {
  decisionKey: string;
  body: 'ogb' | 'bo';
  subject: string;
  proposal: string;
  meetingDate: string;
  chair: Chair;
  round: 1 | 2;
  proxies: Partial<Record<Party, { holder: Party; at: string }>>;
  positions: Partial<Record<Party, Position>>;
  meetings: MeetingRecord[];
  /** The next meeting, within one calendar month of the day the first was held (seed §6.2). */
  secondMeetingDue: string | null;
  outcome: DecisionOutcome | null;
  /** The positions that decided it, as they stood when the decision was taken. */
  finalPositions: Position[];
  /** Parties absent from the second meeting, bound by its decision all the same (seed §6.2). */
  boundAbsent: Party[];
  decidedAt: string | null;
  overdue: ('meeting' | 'secondMeeting')[];
  /** Rule revisions this run started before (ProcessDefinition.ruleRevisions). */
  olderRules: readonly string[];
}

export interface DecisionOutput {
  outcome: DecisionOutcome;
  body: 'ogb' | 'bo';
  subject: string;
  postponed: boolean;
  positions: Position[];
  boundAbsent: Party[];
  decidedAt: string;
}

export interface DecisionMachineInput {
  input: DecisionInput;
  at: string;
  olderRules?: readonly string[];
}

export const allParties: readonly Party[] = parties;
