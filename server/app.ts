/** The operator API: HTTP in, zod-checked, Temporal client calls out. */
import express, { type Request } from 'express';
import { actorOf, authenticate } from './auth';
import { calendarRoute } from './calendar';
import { badRequest, errorHandler, HttpError } from './http-errors';
import type { ProcessService } from './process-service';
import {
  deadlineActionSchema,
  deadlineIdSchema,
  eventBodySchema,
  idempotencyKeySchema,
  listQuerySchema,
  processIdSchema,
} from './request-schemas';
import { createApiMetrics } from './metrics';
import { mountOpenApi } from './openapi/docs';
import { rateLimitPerCaller } from './rate-limit';
import { dashboardFiles, kindsRouter } from './statechart-routes';
import { deadlineChangeSchema } from '../workflows/deadline-adjustment';
import type { TokenRegistry } from './tokens';
import type { Logger } from './logger';
import { noteWorkflow, requestLogging } from './request-logging';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export interface AppDependencies {
  processes: ProcessService;
  tokens: TokenRegistry;
  /** Access lines (one per request) and unexpected errors, with the request id. */
  logger: Logger;
  /** Requests per caller and minute on /api (health and readiness excepted). */
  rateLimitPerMinute?: number;
  /** Where operators reach the API, for links in the calendar; else taken from the request. */
  publicBaseUrl?: string;
  /** The codec endpoint for the Temporal Web UI and CLI (server/codec-route.ts), at /codec. */
  codec?: express.RequestHandler;
}

function idempotencyKeyOf(request: Request): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(request.get('idempotency-key'));
  if (!parsed.success) {
    throw badRequest(
      'invalid_header',
      'invalid Idempotency-Key header',
      parsed.error,
      'Idempotency-Key',
    );
  }
  return parsed.data;
}

function processIdOf(request: Request): string {
  const parsed = processIdSchema.safeParse(request.params.id);
  if (!parsed.success) throw badRequest('invalid_id', 'invalid process id', parsed.error, 'id');
  return parsed.data;
}

export function createApp({
  processes,
  tokens,
  logger,
  rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE,
  publicBaseUrl,
  codec,
}: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  const metrics = createApiMetrics();
  app.use(metrics.middleware);
  app.get('/metrics', metrics.endpoint);
  if (codec) app.use('/codec', codec);
  app.use(express.json({ limit: '100kb' }));

  app.get('/api/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  // Ready means Temporal answers: a load balancer sends operators here only then.
  app.get('/api/ready', async (_request, response) => {
    try {
      await processes.ready();
      response.json({ status: 'ready' });
    } catch (error) {
      response.status(503).json({
        error: 'not_ready',
        message: `Temporal does not answer: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

  mountOpenApi(app);

  const api = express.Router();
  api.use(rateLimitPerCaller(rateLimitPerMinute));
  // Before the bearer check: calendar clients may only be able to send the token as ?token=.
  api.get('/calendar.ics', calendarRoute({ processes, tokens, publicBaseUrl }));
  api.use(authenticate(tokens));
  api.param('id', (_request, response, next, id: unknown) => {
    if (processIdSchema.safeParse(id).success) noteWorkflow(response, String(id));
    next();
  });

  api.get('/processes', async (request, response) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) throw badRequest('invalid_query', 'invalid query string', query.error);
    response.json(await processes.list(query.data));
  });

  api.get('/inbox', async (_request, response) => {
    response.json(await processes.inbox(actorOf(response)));
  });

  api.post('/processes/:kind', async (request, response) => {
    const key = idempotencyKeyOf(request);
    const { view, replayed } = await processes.start(
      request.params.kind,
      request.body,
      actorOf(response),
      key,
    );
    noteWorkflow(response, view.id);
    response.status(replayed ? 200 : 201).location(`/api/processes/${encodeURIComponent(view.id)}`);
    response.json(view);
  });

  api.get('/processes/:id', async (request, response) => {
    response.json(await processes.view(processIdOf(request)));
  });

  api.post('/processes/:id/events', async (request, response) => {
    const id = processIdOf(request);
    const key = idempotencyKeyOf(request);
    const body = eventBodySchema.safeParse(request.body);
    if (!body.success) throw badRequest('invalid_body', 'invalid event', body.error);
    response.json(await processes.sendEvent(id, body.data, actorOf(response), key));
  });

  api.post('/processes/:id/deadlines/:deadlineId/:action', async (request, response) => {
    const id = processIdOf(request);
    const key = idempotencyKeyOf(request);
    const deadlineId = deadlineIdSchema.safeParse(request.params.deadlineId);
    if (!deadlineId.success)
      throw badRequest('invalid_id', 'invalid deadline id', deadlineId.error, 'deadlineId');
    const action = deadlineActionSchema.safeParse(request.params.action);
    if (!action.success) {
      throw new HttpError(404, 'not_found', `no route ${request.method} ${request.originalUrl}`);
    }
    // The whole body goes to the workflow, which parses it again (dates become instants there).
    const raw = { ...(request.body as Record<string, unknown> | undefined), action: action.data };
    const change = deadlineChangeSchema.safeParse(raw);
    if (!change.success) throw badRequest('invalid_body', `invalid ${action.data}`, change.error);
    const view = await processes.changeDeadline(
      id,
      {
        deadlineId: deadlineId.data,
        change: { ...raw, action: change.data.action, reason: change.data.reason },
        actor: actorOf(response),
      },
      key,
    );
    response.json(view);
  });

  api.use(kindsRouter());

  app.use('/api', api);
  app.use(dashboardFiles());
  app.use('/api', (request) => {
    throw new HttpError(404, 'not_found', `no route ${request.method} ${request.originalUrl}`);
  });
  app.use(errorHandler(logger));
  return app;
}
