/**
 * Every route of the API as the OpenAPI document describes it. A new route is one more entry
 * here, with the zod schemas its handler parses; a test fails while an express route under /api
 * has no entry.
 */
import { z } from 'zod';
import { processKinds } from '../../machines/registry';
import { dayUnitSchema } from '../../machines/working-days';
import { deadlineSchema } from '../../machines/date-schemas';
import {
  deadlineActionSchema,
  deadlineIdSchema,
  idempotencyKeySchema,
  listQuerySchema,
  processIdSchema,
} from '../request-schemas';
import { calendarQuerySchema } from '../calendar';
import { anyEventBody, anyStartBody } from './kind-schemas';
import type { RouteDoc } from './route-doc';
import {
  errorSchema,
  inboxSchema,
  processPageSchema,
  processViewSchema,
  statusSchema,
} from './schemas';

const kindParam = z.enum(processKinds as [string, ...string[]]);
const kindsSchema = z.looseObject({
  kinds: z.array(
    z.looseObject({
      kind: z.string(),
      title: z.string(),
      events: z.record(
        z.string(),
        z.looseObject({ label: z.string(), roles: z.array(z.string()) }),
      ),
    }),
  ),
});
const statechartSchema = z.looseObject({
  kind: z.string(),
  title: z.string(),
  root: z.looseObject({ path: z.string(), children: z.array(z.unknown()) }),
});
/** The deadline change without its action, which the path names. */
const deadlineChangeBodySchema = z
  .object({
    reason: z.string().min(1).max(1000),
    until: deadlineSchema.optional(),
    days: z.number().int().min(1).max(730).optional(),
    unit: dayUnitSchema.optional(),
  })
  .strict();
const error = (description: string) => ({ description, schema: errorSchema });

export const routeDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: the API process answers',
    tag: 'operations',
    public: true,
    responses: { 200: { description: '{"status":"ok"}', schema: statusSchema } },
  },
  {
    method: 'get',
    path: '/api/ready',
    summary: 'Readiness: Temporal answers',
    tag: 'operations',
    public: true,
    responses: {
      200: { description: '{"status":"ready"}', schema: statusSchema },
      503: error('Temporal does not answer (error "not_ready")'),
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of the API',
    tag: 'operations',
    public: true,
    responses: {
      200: { description: 'Prometheus text exposition format', contentType: 'text/plain' },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tag: 'operations',
    public: true,
    responses: { 200: { description: 'OpenAPI 3.1 document', schema: { type: 'object' } } },
  },
  {
    method: 'get',
    path: '/api/inbox',
    summary: "The caller's inbox: every running process where they may act now",
    description:
      'Found through the search attribute DsoWaitingOn (the caller\'s role, and "role:party" for ' +
      "the caller's government); each item lists only the events this caller may send now. " +
      'Soonest deadline first, processes without a deadline last.',
    tag: 'processes',
    responses: { 200: { description: 'The inbox', schema: inboxSchema } },
  },
  {
    method: 'get',
    path: '/api/processes',
    summary: 'List processes through Temporal visibility, one page at a time',
    description:
      'Filters combine with AND. `party` keeps the processes waiting on that government ' +
      '(DsoWaitingOn "role:party"). Pass an answer\'s `nextPageToken` as `pageToken` for the next page.',
    tag: 'processes',
    query: listQuerySchema,
    responses: {
      200: { description: 'One page of processes', schema: processPageSchema },
      400: error('Invalid query string, or a pageToken this API did not hand out'),
    },
  },
  {
    method: 'post',
    path: '/api/processes/:kind',
    summary: 'Start a process of a kind',
    description: 'The body is the start body of that kind (Start_<kind>).',
    tag: 'processes',
    params: { kind: kindParam },
    headers: { 'Idempotency-Key': idempotencyKeySchema },
    body: anyStartBody(),
    responses: {
      201: { description: 'Started', schema: processViewSchema },
      200: { description: 'Already started with this Idempotency-Key', schema: processViewSchema },
      400: error('Invalid start body or header'),
      403: error("The caller's role may not start this kind"),
      404: error('No such kind'),
      409: error('A process of this kind for this business key already exists'),
    },
  },
  {
    method: 'get',
    path: '/api/processes/:id',
    summary: "A process's view: state, allowed events, deadlines, history",
    tag: 'processes',
    params: { id: processIdSchema },
    responses: {
      200: { description: 'The view', schema: processViewSchema },
      400: error('Invalid process id'),
      404: error('No such process'),
    },
  },
  {
    method: 'post',
    path: '/api/processes/:id/events',
    summary: 'Send a process an event',
    description: "The body is one of the event bodies of the process's kind (Events_<kind>).",
    tag: 'processes',
    params: { id: processIdSchema },
    headers: { 'Idempotency-Key': idempotencyKeySchema },
    body: anyEventBody(),
    responses: {
      200: { description: 'Applied; the view after it', schema: processViewSchema },
      400: error('Invalid event or payload'),
      403: error('The caller may not send this event'),
      404: error('No such process'),
      409: error('Not allowed in the current state, or the process has ended'),
    },
  },
  {
    method: 'post',
    path: '/api/processes/:id/deadlines/:deadlineId/:action',
    summary: 'Suspend, resume or extend a running deadline (with a reason; audited)',
    description:
      'suspend: no reminders and no passing meanwhile; resume: the due moment moves by the ' +
      'suspended time; extend: to `until` (a later date) or by `days` in `unit` (calendar, ' +
      'working, termsAct). By default the SBO and the TBO may.',
    tag: 'deadlines',
    params: {
      id: processIdSchema,
      deadlineId: deadlineIdSchema,
      action: deadlineActionSchema,
    },
    headers: { 'Idempotency-Key': idempotencyKeySchema },
    body: deadlineChangeBodySchema,
    responses: {
      200: { description: 'Changed; the view after it', schema: processViewSchema },
      400: error('Invalid body, id or header'),
      403: error("The caller's role may not change this process's deadlines"),
      404: error('No such process or deadline'),
      409: error("Not possible in the deadline's status (e.g. resume a running deadline)"),
    },
  },
  {
    method: 'get',
    path: '/api/calendar.ics',
    summary: 'The deadlines of running processes as an iCalendar feed; reminders as alarms',
    description:
      '`party` and `role` keep the processes where such a member may act now. Calendar ' +
      'clients that cannot send a bearer header may pass the token as `token`.',
    tag: 'deadlines',
    query: calendarQuerySchema,
    responses: {
      200: { description: 'RFC 5545 calendar', contentType: 'text/calendar' },
      400: error('Invalid query string'),
    },
  },
  {
    method: 'get',
    path: '/api/kinds',
    summary: 'The process kinds, with their events (label and roles)',
    tag: 'kinds',
    responses: { 200: { description: 'Every kind', schema: kindsSchema } },
  },
  {
    method: 'get',
    path: '/api/kinds/:kind/statechart',
    summary: "A kind's statechart as JSON, for the dashboard",
    tag: 'kinds',
    params: { kind: z.string() },
    responses: {
      200: {
        description:
          '{kind, title, root}: nested nodes {path, key, label, type, tags, deadline?, initial?, transitions, children}',
        schema: statechartSchema,
      },
      404: error('No such kind'),
    },
  },
];
