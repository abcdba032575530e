/** The operator API: HTTP in, zod-checked, Temporal client calls out. */
import express, { type Request } from 'express';
import { actorOf, authenticate } from './auth';
import { meRoute, signInRoute } from './me-route';
import type { OidcVerifier } from './oidc';
import { calendarRoute } from './calendar';
import { assertMayRead } from './read-access';
import { findDefinition, processKinds } from '../machines/registry';
import {
  acceptsOnly,
  API_BASE,
  API_VERSION,
  apiSecurityHeaders,
  apiVersionHeader,
  jsonContentOnly,
} from './api-conventions';
import { badRequest, errorHandler, HttpError } from './http-errors';
import { historyRouter } from './history-route';
import { jsonBody } from './json-body';
import { processIdFor, processPath } from './process-paths';
import type { ProcessService } from './process-service';
import {
  deadlineActionSchema,
  deadlineIdSchema,
  eventBodySchema,
  idempotencyKeySchema,
  businessKeySchema,
  listQuerySchema,
  processIdSchema,
} from './request-schemas';
import { createApiMetrics, metricsAuthentication } from './metrics';
import { mountOpenApi } from './openapi/docs';
import type { ApiContact } from './openapi/contact';
import { calendarLimits, rateLimitPerCaller } from './rate-limit';
import { dashboardFiles, kindsRouter } from './statechart-routes';
import { deadlineChangeSchema } from '../workflows/deadline-adjustment';
import type { TokenRegistry } from './tokens';
import type { Logger } from './logger';
import { noteWorkflow, requestLogging } from './request-logging';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_CALENDAR_RATE_LIMIT_PER_MINUTE = 30;
export const DEFAULT_CALENDAR_MAX_CONCURRENT = 4;

export interface AppDependencies {
  processes: ProcessService;
  tokens: TokenRegistry;
  /** Access lines (one per request) and unexpected errors, with the request id. */
  logger: Logger;
  /** Requests per caller and minute on /api (health and readiness excepted). */
  rateLimitPerMinute?: number;
  /** The calendar feed's own limit per caller and minute, and how many are built at once. */
  calendar?: { rateLimitPerMinute?: number; maxConcurrent?: number };
  /** Prometheus' bearer token for /metrics; without one /metrics is not served. */
  metricsToken?: string;
  /** Where operators reach the API, for links in the calendar; else taken from the request. */
  publicBaseUrl?: string;
  /** Who answers for the API, in its OpenAPI document. */
  apiContact?: ApiContact;
  /** The codec endpoint for the Temporal Web UI and CLI (server/codec-route.ts), at /codec. */
  codec?: express.RequestHandler;
  /** OpenID Connect access tokens, beside the token file's (server/oidc.ts). */
  oidc?: OidcVerifier;
}

function idempotencyKeyOf(request: Request): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(request.get('idempotency-key'));
  if (!parsed.success) {
    throw badRequest(
      'invalid_header',
      'invalid Idempotency-Key header',
      parsed.error,
      'header',
      'Idempotency-Key',
    );
  }
  return parsed.data;
}

function processIdOf(request: Request): string {
  const parsed = processIdSchema.safeParse(request.params.id);
  if (!parsed.success)
    throw badRequest('invalid_id', 'invalid process id', parsed.error, 'path', 'id');
  return parsed.data;
}

/** The run a `/kinds/{kind}/processes/{key}` path names: a known kind and a valid key. */
function kindProcessOf(request: Request): string {
  const kind = knownKindOf(request);
  const key = businessKeySchema.safeParse(request.params.key);
  if (!key.success)
    throw badRequest('invalid_id', 'invalid business key', key.error, 'path', 'key');
  return processIdFor(kind, key.data);
}

function knownKindOf(request: Request): string {
  const kind = String(request.params.kind);
  if (!findDefinition(kind)) {
    throw new HttpError(404, 'unknown_kind', `no process kind "${kind}"`, { kinds: processKinds });
  }
  return kind;
}

const routeNotFound = (request: Request) =>
  new HttpError(
    404,
    'not_found',
    `no route ${request.method} ${request.originalUrl.split('?')[0]}`,
  );

export function createApp({
  processes,
  tokens,
  logger,
  rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE,
  calendar = {},
  metricsToken,
  publicBaseUrl,
  apiContact,
  codec,
  oidc,
}: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // "/processes/" is not "/processes" (/core/no-trailing-slash): it answers 404.
  app.set('strict routing', true);
  app.use(requestLogging(logger));
  app.use(apiVersionHeader);
  const metrics = createApiMetrics();
  app.use(metrics.middleware);
  if (metricsToken !== undefined) {
    app.get('/metrics', metricsAuthentication(metricsToken), metrics.endpoint);
  }
  if (codec) app.use('/codec', codec);

  const api = express.Router({ strict: true });
  api.use(apiSecurityHeaders);
  api.use(jsonContentOnly, jsonBody());

  api.get('/', (request, response, next) => {
    // The root is /api/v1; "/api/v1/" is another path (/core/no-trailing-slash).
    if (request.originalUrl.split('?')[0]?.endsWith('/')) {
      next();
      return;
    }
    response.json({
      title: 'DSO-LV beheerprocessen',
      version: API_VERSION,
      openapi: `${API_BASE}/openapi.json`,
      documentation: '/docs/',
    });
  });
  api.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  // Ready means Temporal answers: a load balancer sends operators here only then.
  api.get('/ready', async (_request, response) => {
    try {
      await processes.ready();
    } catch (error) {
      throw new HttpError(
        503,
        'not_ready',
        `Temporal does not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    response.json({ status: 'ready' });
  });
  mountOpenApi(app, api, apiContact);

  api.use(rateLimitPerCaller(rateLimitPerMinute, tokens));
  // Before the bearer check: calendar clients may only be able to send the token as ?token=.
  api.get(
    '/deadlines/calendar.ics',
    ...calendarLimits(
      calendar.rateLimitPerMinute ?? DEFAULT_CALENDAR_RATE_LIMIT_PER_MINUTE,
      calendar.maxConcurrent ?? DEFAULT_CALENDAR_MAX_CONCURRENT,
      tokens,
    ),
    calendarRoute({ processes, tokens, publicBaseUrl }),
  );
  api.use(acceptsOnly(['application/json', 'application/problem+json']));
  api.get('/sign-in', signInRoute(oidc));
  api.use(authenticate(tokens, oidc));
  api.get('/me', meRoute);
  api.param('id', (_request, response, next, id: unknown) => {
    if (processIdSchema.safeParse(id).success) noteWorkflow(response, String(id));
    next();
  });

  api.get('/processes', async (request, response) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success)
      throw badRequest('invalid_query', 'invalid query string', query.error, 'query');
    response.json(await processes.list(query.data, actorOf(response)));
  });

  api.get('/inbox', async (_request, response) => {
    response.json(await processes.inbox(actorOf(response)));
  });

  api.get('/processes/:id', async (request, response) => {
    response.json(await processes.view(processIdOf(request), actorOf(response)));
  });
  api.use(historyRouter(processes, processIdOf));

  api.post('/kinds/:kind/processes', async (request, response) => {
    const kind = knownKindOf(request);
    const key = idempotencyKeyOf(request);
    const { view, replayed } = await processes.start(kind, request.body, actorOf(response), key);
    noteWorkflow(response, view.id);
    response.status(replayed ? 200 : 201).location(processPath(view.id));
    response.json(view);
  });

  api.post('/kinds/:kind/processes/:key/events', async (request, response) => {
    const id = kindProcessOf(request);
    noteWorkflow(response, id);
    const key = idempotencyKeyOf(request);
    const body = eventBodySchema.safeParse(request.body);
    if (!body.success) throw badRequest('invalid_body', 'invalid event', body.error, 'body');
    response.json(await processes.sendEvent(id, body.data, actorOf(response), key));
  });

  api.post(
    '/kinds/:kind/processes/:key/deadlines/:deadlineId/:action',
    async (request, response) => {
      const id = kindProcessOf(request);
      noteWorkflow(response, id);
      const key = idempotencyKeyOf(request);
      const deadlineId = deadlineIdSchema.safeParse(request.params.deadlineId);
      if (!deadlineId.success)
        throw badRequest(
          'invalid_id',
          'invalid deadline id',
          deadlineId.error,
          'path',
          'deadlineId',
        );
      const action = deadlineActionSchema.safeParse(request.params.action);
      if (!action.success) throw routeNotFound(request);
      // The whole body goes to the workflow, which parses it again (dates become instants there).
      const raw = { ...(request.body as Record<string, unknown> | undefined), action: action.data };
      const change = deadlineChangeSchema.safeParse(raw);
      if (!change.success)
        throw badRequest('invalid_body', `invalid ${action.data}`, change.error, 'body');
      // Moving a deadline of a run one may not read makes no sense: deadline roles meet the matrix.
      assertMayRead(actorOf(response), id);
      const result = await processes.changeDeadline(
        id,
        {
          deadlineId: deadlineId.data,
          change: { ...raw, action: change.data.action, reason: change.data.reason },
          actor: actorOf(response),
        },
        key,
      );
      response.json(result);
    },
  );

  api.use(kindsRouter());
  api.use((request) => {
    throw routeNotFound(request);
  });

  app.use(API_BASE, api);
  // The first version's paths: gone with v1, and said so rather than a bare 404.
  app.use('/api', apiSecurityHeaders, () => {
    throw new HttpError(
      404,
      'moved',
      `the API lives under ${API_BASE} since version 1; see ${API_BASE}/openapi.json`,
    );
  });
  // The page exchanges its sign-in code at the issuer: its CSP lets it reach that origin.
  app.use(dashboardFiles(undefined, oidc ? [new URL(oidc.settings.issuer).origin] : []));
  app.use(errorHandler(logger));
  return app;
}
