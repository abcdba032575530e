/** zod schemas of everything the API reads from a request besides a kind's own start body. */
import { z } from 'zod';
import { partySchema } from '../machines/actors';
import { processKinds } from '../machines/registry';

const keyword = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'letters, digits, "_", ".", ":" or "-" only');

/** A visibility page token as the API hands it out: base64url of Temporal's opaque bytes. */
export const pageTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,4096}$/, 'a nextPageToken from an earlier answer');

const pageSize = z.coerce.number().int().min(1).max(500);

export const listQuerySchema = z
  .object({
    kind: z.enum(processKinds as [string, ...string[]]).optional(),
    state: keyword.optional(),
    businessKey: keyword.optional(),
    /** Runs waiting on this government's member (DsoWaitingOn "role:party"). */
    party: partySchema.optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    status: z.enum(['running', 'completed']).optional(),
    pageSize: pageSize.optional(),
    /** The older name of pageSize, still understood. */
    limit: pageSize.optional(),
    pageToken: pageTokenSchema.optional(),
  })
  .strict()
  .transform(({ limit, pageSize: size, ...rest }) => ({ ...rest, pageSize: size ?? limit ?? 100 }));
export type ListQuery = z.output<typeof listQuerySchema>;

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

/** A run's key within its kind: the part of its id after "kind:". */
export const businessKeySchema = z
  .string()
  .regex(/^[a-z0-9-]{1,200}$/, 'a business key such as "loket" or "2031"');

/** A deadline's id within its process, e.g. "phase1" or "secondMeeting". */
export const deadlineIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'a deadline id such as "phase1"');

export const deadlineActionSchema = z.enum(['suspend', 'resume', 'extend']);
