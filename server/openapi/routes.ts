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
  idempotencyKeySchema,
  businessKeySchema,
  listQuerySchema,
  processIdSchema,
} from '../request-schemas';
import { calendarQuerySchema } from '../calendar';
import { historyQuerySchema } from '../history-route';
import { definitions, eventBodyOf, startBodyOf } from './kind-schemas';
import { signInRoutes } from './me-routes';
import type { RouteDoc } from './route-doc';
import {
  eventResultSchema,
  historyPageSchema,
  problemSchema,
  inboxSchema,
  processPageSchema,
  processViewSchema,
  statusSchema,
} from './schemas';

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
const error = (description: string) => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});
const invalidPath = error('Invalid path parameter (`errors` names it)');

/**
 * Per kind, its own paths: a start body, the oneOf of its events and its deadlines are that
 * kind's alone, which one `{kind}` parameter could not say to a client generator.
 */
function kindRoutes(): RouteDoc[] {
  return definitions().flatMap((definition): RouteDoc[] => {
    const { kind, title } = definition;
    const base = `/kinds/${kind}/processes`;
    const deadlineIds = Object.keys(definition.deadlines);
    const routes: RouteDoc[] = [
      {
        method: 'post',
        path: base,
        summary: `Start: ${title}`,
        description: `May be started by: ${definition.startRoles.join(', ')}.`,
        tag: kind,
        headers: { 'Idempotency-Key': idempotencyKeySchema },
        body: startBodyOf(kind),
        responses: {
          201: { description: 'Started', schema: processViewSchema },
          200: {
            description: 'Already started with this Idempotency-Key',
            schema: processViewSchema,
          },
          400: error('Invalid start body or header'),
          403: error("The caller's role may not start this kind"),
          409: error('A process of this kind for this business key already exists'),
          415: error('The body is not JSON'),
          422: error('The Idempotency-Key was used before for a different request'),
        },
      },
      {
        method: 'post',
        path: `${base}/:key/events`,
        summary: `Send an event: ${title}`,
        description: 'The body is one of the events of this kind; `type` tells which.',
        tag: kind,
        params: { key: businessKeySchema },
        headers: { 'Idempotency-Key': idempotencyKeySchema },
        body: eventBodyOf(kind),
        responses: {
          200: {
            description: 'Applied: where the run stands now (GET the process for its view)',
            schema: eventResultSchema,
          },
          400: error('Invalid event or payload (`errors` names each field)'),
          403: error('The caller may not send this event (wrong role or wrong party)'),
          404: error('No such process'),
          409: error('Not allowed in the current state, or the process has ended'),
          415: error('The body is not JSON'),
          422: error('The Idempotency-Key was used before for a different request'),
        },
      },
    ];
    if (deadlineIds.length > 0) {
      routes.push({
        method: 'post',
        path: `${base}/:key/deadlines/:deadlineId/:action`,
        summary: `Suspend, resume or extend a deadline: ${title}`,
        description:
          'suspend: no reminders and no passing meanwhile; resume: the due moment moves by the ' +
          'suspended time; extend: to `until` (a later date) or by `days` in `unit` (calendar, ' +
          'working, termsAct). Always with a reason; audited in the history.',
        tag: kind,
        params: {
          key: businessKeySchema,
          deadlineId: z.enum(deadlineIds as [string, ...string[]]),
          action: deadlineActionSchema,
        },
        headers: { 'Idempotency-Key': idempotencyKeySchema },
        body: deadlineChangeBodySchema,
        responses: {
          200: {
            description: 'Changed: where the run stands now (GET the process for its view)',
            schema: eventResultSchema,
          },
          400: error('Invalid body, id or header, or beyond the limit of the arrangement'),
          403: error('The caller may not change this deadline'),
          404: error('No such process or deadline'),
          409: error("Not possible in the deadline's status (e.g. resume a running deadline)"),
          415: error('The body is not JSON'),
          422: error('The Idempotency-Key was used before for a different request'),
        },
      });
    }
    return routes;
  });
}

const operationsRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/',
    summary: 'The API root: its version and where its documentation is',
    tag: 'operations',
    public: true,
    responses: { 200: { description: 'Links', schema: z.looseObject({ version: z.string() }) } },
  },
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness: the API process answers',
    tag: 'operations',
    public: true,
    responses: { 200: { description: '{"status":"ok"}', schema: statusSchema } },
  },
  {
    method: 'get',
    path: '/ready',
    summary: 'Readiness: Temporal answers',
    tag: 'operations',
    public: true,
    responses: {
      200: { description: '{"status":"ready"}', schema: statusSchema },
      503: error('Temporal does not answer (code "not_ready")'),
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document (no token needed; any origin may read it)',
    tag: 'operations',
    public: true,
    responses: { 200: { description: 'OpenAPI 3.1 document', schema: { type: 'object' } } },
  },
];

const processRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/inbox',
    summary: "The caller's inbox: every running process where they may act now",
    description:
      'Only kinds the caller may read. ' +
      'Found through the search attribute DsoWaitingOn (the caller\'s role, and "role:party" for ' +
      "the caller's government); each item lists only the events this caller may send now. " +
      'Soonest deadline first, processes without a deadline last.',
    tag: 'processes',
    responses: { 200: { description: 'The inbox', schema: inboxSchema } },
  },
  {
    method: 'get',
    path: '/processes',
    summary: 'List processes of every kind through Temporal visibility, one page at a time',
    description:
      "Only kinds the caller's role may read; filters combine with AND. `party` keeps the processes waiting on that government " +
      '(DsoWaitingOn "role:party"). Pass an answer\'s `nextPageToken` as `pageToken` for the next page.',
    tag: 'processes',
    query: listQuerySchema,
    responses: {
      200: { description: 'One page of processes', schema: processPageSchema },
      400: error('Invalid query string, or a pageToken this API did not hand out'),
    },
  },
  {
    method: 'get',
    path: '/processes/:id',
    summary: "A process's view: state, allowed events, deadlines, history",
    description:
      'The id is "kind:businessKey", as the listing and the start answer give it. A kind the ' +
      "caller's role may not read answers 403, whether or not the process exists.",
    tag: 'processes',
    params: { id: processIdSchema },
    responses: {
      200: { description: 'The view', schema: processViewSchema },
      400: invalidPath,
      403: error("The caller's role may not read processes of this kind"),
      404: error('No such process'),
    },
  },
  {
    method: 'get',
    path: '/processes/:id/history',
    summary: "A process's audit trail, one page at a time, oldest first",
    description:
      'The view carries the newest 50 entries and `historyCount`; this pages through all. ' +
      "Pass an answer's `nextAfter` as `after` for the next page. Read as the view.",
    tag: 'processes',
    params: { id: processIdSchema },
    query: historyQuerySchema,
    responses: {
      200: { description: 'One page of the audit trail', schema: historyPageSchema },
      400: error('Invalid id or query string'),
      403: error("The caller's role may not read processes of this kind"),
      404: error('No such process'),
    },
  },
  {
    method: 'get',
    path: '/deadlines/calendar.ics',
    summary: 'The deadlines of running processes as an iCalendar feed; reminders as alarms',
    description:
      'Only kinds the caller may read. ' +
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
    path: '/kinds',
    summary: 'The process kinds, with their events (label and roles)',
    tag: 'kinds',
    responses: { 200: { description: 'Every kind', schema: kindsSchema } },
  },
  {
    method: 'get',
    path: '/kinds/:kind/statechart',
    summary: "A kind's statechart as JSON, for the dashboard",
    tag: 'kinds',
    params: { kind: z.enum(processKinds as [string, ...string[]]) },
    responses: {
      200: {
        description:
          '{kind, title, root}: nested nodes {path, key, label, type, tags, deadline?, initial?, transitions, children}',
        schema: statechartSchema,
      },
      400: invalidPath,
      404: error('No such kind'),
    },
  },
];

/** Every route of the API, relative to its base path (servers[0].url, /api/v1). */
export const routeDocs: RouteDoc[] = [
  ...operationsRoutes,
  ...signInRoutes,
  ...processRoutes,
  ...kindRoutes(),
];
