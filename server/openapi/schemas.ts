/**
 * zod schemas of what the API answers. Requests are parsed by the schemas in request-schemas.ts
 * and each kind's definition; these describe responses, for the OpenAPI document and its tests.
 * Objects are loose: a newer field in an answer is not a breaking change.
 */
import { z } from 'zod';
import { actorSchema, partySchema, roleSchema } from '../../machines/actors';

/** An error answer: a problem (RFC 9457) with the product's own code and the invalid fields. */
export const problemSchema = z.looseObject({
  type: z.string().meta({ description: 'The rule, as a URN: "urn:dso-lv:problem:<rule>".' }),
  title: z.string().meta({ description: 'The same for every problem of this type, in Dutch.' }),
  status: z.number().int().meta({ description: 'The HTTP status code.' }),
  detail: z.string().meta({ description: 'What went wrong this time, for people.' }),
  instance: z.string().meta({ description: 'The path of the request it happened on.' }),
  code: z.string().meta({ description: 'A stable code, e.g. "invalid_query", "forbidden".' }),
  errors: z
    .array(
      z.looseObject({
        name: z.string().meta({ description: 'The field, dotted ("figures.year").' }),
        in: z.enum(['body', 'query', 'path', 'header']),
        code: z.string(),
        detail: z.string(),
      }),
    )
    .optional()
    .meta({ description: 'Every invalid field, parameter or header at once (400 only).' }),
  details: z.unknown().optional().meta({
    description: 'More about it: allowed roles, the state, the kinds there are, …',
  }),
});

export const statusSchema = z.looseObject({ status: z.string() });

export const allowedEventSchema = z.looseObject({
  type: z.string(),
  label: z.string(),
  role: roleSchema,
  party: partySchema.optional().meta({ description: 'Only this government may send it.' }),
  options: z.array(z.record(z.string(), z.unknown())).optional(),
});

const reminderSchema = z.looseObject({
  daysBefore: z.number(),
  scheduledFor: z.string(),
  status: z.string(),
  sentAt: z.string().optional(),
  error: z.string().optional(),
});

export const deadlineRecordSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  due: z.string().nullable(),
  remindDaysBefore: z.array(z.number()),
  moment: z.boolean(),
  status: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  reminders: z.array(reminderSchema),
});

export const auditEntrySchema = z.looseObject({
  seq: z.number(),
  at: z.string(),
  actor: actorSchema,
  event: z.looseObject({ type: z.string() }),
  from: z.array(z.string()),
  to: z.array(z.string()),
});

const childRecordSchema = z.looseObject({
  key: z.string(),
  kind: z.string(),
  id: z.string(),
  status: z.string(),
  startedAt: z.string(),
});

export const processViewSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  businessKey: z.string(),
  status: z.enum(['running', 'completed']),
  state: z.array(z.string()).meta({ description: 'Active leaf states as dotted paths.' }),
  stateLabels: z.array(z.string()),
  tags: z.array(z.string()),
  summary: z.string(),
  context: z.record(z.string(), z.unknown()),
  allowedEvents: z.array(allowedEventSchema),
  deadlines: z.array(deadlineRecordSchema),
  children: z.array(childRecordSchema),
  output: z.unknown(),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  history: z
    .array(auditEntrySchema)
    .meta({ description: 'The newest 50 audit entries; GET …/history pages through all.' }),
  historyCount: z.number().int().meta({ description: 'How many audit entries the run holds.' }),
  startedAt: z.string(),
  startedBy: actorSchema,
  updatedAt: z.string(),
});

/** What an accepted event or deadline change answers; the full view is GET /processes/{id}. */
export const eventResultSchema = z.looseObject({
  seq: z.number().int().meta({ description: 'The audit entry the change recorded.' }),
  state: z.array(z.string()),
  status: z.enum(['running', 'completed']),
  allowedEvents: z
    .array(allowedEventSchema)
    .meta({ description: 'The events the caller may send now.' }),
  nextDeadline: z.string().nullable(),
});

export const historyPageSchema = z.looseObject({
  entries: z.array(auditEntrySchema),
  total: z.number().int(),
  nextAfter: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Pass as `after` for the next page; null on the last page.' }),
});

export const processSummarySchema = z.looseObject({
  id: z.string(),
  kind: z.string().optional(),
  businessKey: z.string().optional(),
  state: z.array(z.string()),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  waitingOn: z.array(z.string()).meta({
    description: 'Who may act now: a role ("tbo"), or role:party where only that government may.',
  }),
  status: z.string(),
  startedAt: z.string(),
});

export const processPageSchema = z.looseObject({
  processes: z.array(processSummarySchema),
  nextPageToken: z
    .string()
    .nullable()
    .meta({ description: 'Pass as pageToken for the next page; null on the last page.' }),
});

export const inboxSchema = z.looseObject({
  items: z.array(
    z.looseObject({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      businessKey: z.string(),
      summary: z.string(),
      state: z.array(z.string()),
      stateLabels: z.array(z.string()),
      allowedEvents: z.array(allowedEventSchema).meta({
        description: 'Only the events the caller may send now (role, and party where it matters).',
      }),
      nextDeadline: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
});
