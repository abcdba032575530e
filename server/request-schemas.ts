/** zod schemas of everything the API reads from a request besides a kind's own start body. */
import { z } from 'zod';
import { processKinds } from '../machines/registry';

const keyword = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'letters, digits, "_", ".", ":" or "-" only');

export const listQuerySchema = z
  .object({
    kind: z.enum(processKinds as [string, ...string[]]).optional(),
    state: keyword.optional(),
    businessKey: keyword.optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    status: z.enum(['running', 'completed']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

/** An event: its type and its fields; each kind's own schema checks the fields in the workflow. */
export const eventBodySchema = z
  .object({ type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'an event type such as "VERDICT"') })
  .catchall(z.unknown());

export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'up to 128 letters, digits, "_", ".", ":" or "-"')
  .optional();

export const processIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[a-z0-9-]{1,200}$/, 'a process id such as "acceptance:loket"');

/** A deadline's id within its process, e.g. "phase1" or "secondMeeting". */
export const deadlineIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'a deadline id such as "phase1"');

export const deadlineActionSchema = z.enum(['suspend', 'resume', 'extend']);
