import { z } from 'zod';
import { partySchema, roleSchema, type Actor } from '../actors';
import { deadlineSchema } from '../date-schemas';
import { slugSchema } from '../decision/types';
import { line, text, type Stamp } from '../event-parts';
import type { DeadlinePassedEvent } from '../process-definition';
import { DEFAULT_REMINDER_DAYS } from '../process-definition';

/** The bodies whose members act per government; other roles have one actor each. */
const membersPerParty: readonly string[] = ['ogb', 'bo'];

/** Who owes or receives the obligation: a role, narrowed to one government's member where given. */
export const responsibleSchema = z
  .object({ role: roleSchema, party: partySchema.optional() })
  .strict()
  .refine((who) => who.party === undefined || membersPerParty.includes(who.role), {
    error: `a party narrows only a body with a member per government (${membersPerParty.join(', ')})`,
    path: ['party'],
  });
export type Responsible = z.output<typeof responsibleSchema>;

export const obligationInputSchema = z
  .object({
    obligationKey: slugSchema,
    title: line(200).min(1),
    description: text(4000).default(''),
    /** Where the arrangement lays the obligation down, e.g. "Beheerarrangement §6.4". */
    source: line(200).min(1),
    owner: responsibleSchema,
    /** Who confirms the delivery (e.g. the SBO for the TBO's documents); none where the owner decides. */
    recipient: responsibleSchema.optional(),
    /** "Before D": a calendar date means 00:00 Amsterdam time on D. */
    due: deadlineSchema,
    /** A moment the arrangement reaches by itself (the end of a term): it is reached, never overdue. */
    moment: z.boolean().default(false),
    reminderDays: z
      .array(z.int().min(1).max(3650))
      .max(10)
      .refine((days) => new Set(days).size === days.length, { error: 'reminder days repeat' })
      .default([...DEFAULT_REMINDER_DAYS]),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.moment && input.recipient) {
      context.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: 'a moment is reached, not delivered: it has no recipient',
      });
    }
  });
export type ObligationInput = z.output<typeof obligationInputSchema>;

export const deliverPayload = z
  .object({
    /** The document delivered or the decision taken (title, number, link). */
    reference: line(500).min(1),
    note: text(4000).default(''),
  })
  .strict();
export const acceptPayload = z.object({ note: text(4000).default('') }).strict();
export const waivePayload = z.object({ reason: text(4000).min(1) }).strict();

export type ObligationEvent =
  | ({ type: 'DELIVER' } & z.output<typeof deliverPayload> & Stamp)
  | ({ type: 'ACCEPT' } & z.output<typeof acceptPayload> & Stamp)
  | ({ type: 'WAIVE' } & z.output<typeof waivePayload> & Stamp)
  | DeadlinePassedEvent;

interface Signed {
  by: string;
  role: Actor['role'];
  at: string;
}

/**
 * Rule revision (ProcessDefinition.ruleRevisions): the SBO waives only an obligation whose due date
 * passed, or a moment; runs started before it could also waive one still in time.
 */
export const WAIVE_WHEN_LAPSED_RULE = 'obligation-waive-when-lapsed-2026-12';

export interface ObligationContext {
  obligationKey: string;
  title: string;
  description: string;
  source: string;
  owner: Responsible;
  recipient: Responsible | null;
  due: string;
  moment: boolean;
  reminderDays: number[];
  /** Set when the due moment passed while the obligation was still open. */
  overdueSince: string | null;
  delivery: (Signed & { reference: string; note: string; late: boolean }) | null;
  acceptance: (Signed & { note: string }) | null;
  waiver: (Signed & { reason: string }) | null;
  reachedAt: string | null;
  /** Rule revisions the run started before (empty for runs under the current rules). */
  olderRules: readonly string[];
}

export interface ObligationMachineInput {
  input: ObligationInput;
  olderRules?: readonly string[];
}

export type ObligationOutcome = 'delivered' | 'accepted' | 'waived' | 'reached';

export interface ObligationOutput {
  outcome: ObligationOutcome;
  late: boolean;
  delivery: ObligationContext['delivery'];
  acceptance: ObligationContext['acceptance'];
  waiver: ObligationContext['waiver'];
}
