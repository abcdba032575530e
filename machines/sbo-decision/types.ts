import { z } from 'zod';
import { line, text, type Stamp } from '../event-parts';
import type { Party } from '../actors';
import { deadlineSchema } from '../date-schemas';
import { slugSchema } from '../decision/types';
import type { DecisionOutput } from '../decision/types';
import type { ChildDoneEvent, DeadlinePassedEvent } from '../process-definition';
import { decisionTypeNames, decisionTypes, type Category } from './decision-types';

export const sboDecisionInputSchema = z
  .object({
    decisionKey: slugSchema,
    subject: line(200).min(1),
    proposal: text(8000).min(1),
    decisionType: z.enum(decisionTypeNames),
    category: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
      error: 'a category from 1 to 4 (seed §6.3)',
    }),
    /** Category 1: the OGB Beheer meeting that decides by consensus. */
    meetingDate: deadlineSchema.optional(),
    /** Category 2: when the other governments' responses are due. */
    responseDue: deadlineSchema.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    const fixed = decisionTypes[input.decisionType].category;
    if (fixed !== null && fixed !== input.category) {
      context.addIssue({
        code: 'custom',
        path: ['category'],
        message: `a "${input.decisionType}" decision is category ${fixed} (seed §6.3)`,
      });
    }
    if (input.category === 1 && !input.meetingDate) {
      context.addIssue({
        code: 'custom',
        path: ['meetingDate'],
        message: 'category 1 needs the OGB Beheer meeting date',
      });
    }
    if (input.category === 2 && !input.responseDue) {
      context.addIssue({
        code: 'custom',
        path: ['responseDue'],
        message: 'category 2 needs a response deadline',
      });
    }
  });
export type SboDecisionInput = z.output<typeof sboDecisionInputSchema>;

export const respondPayload = z
  .object({ position: z.enum(['support', 'object']), note: text(4000).default('') })
  .strict();
export const decidePayload = z
  .object({ decision: z.enum(['adopt', 'reject']), note: text(4000).default('') })
  .strict();

export type SboDecisionEvent =
  | ({ type: 'RESPOND' } & z.output<typeof respondPayload> & Stamp)
  | ({ type: 'DECIDE' } & z.output<typeof decidePayload> & Stamp)
  | DeadlinePassedEvent
  | ChildDoneEvent;

export interface Response {
  party: Party;
  position: 'support' | 'object';
  note: string;
  by: string;
  at: string;
}

export interface SboDecisionContext {
  decisionKey: string;
  subject: string;
  proposal: string;
  decisionType: string;
  category: Category;
  meetingDate: string | null;
  responseDue: string | null;
  responses: Partial<Record<Party, Response>>;
  consultationClosed: boolean;
  consensus: (DecisionOutput & { decisionId: string }) | null;
  decision: { decision: 'adopt' | 'reject'; note: string; by: string; at: string } | null;
  /** Category 3: the governments to be told of the decision. */
  notify: Party[];
  escalationNeeded: boolean;
}

export interface SboDecisionMachineInput {
  input: SboDecisionInput;
}
