/** Builds the OpenAPI 3.1 document from the route list and the zod schemas the routes use. */
import { z } from 'zod';
import { asComponent, jsonSchemaOf, kindComponents } from './kind-schemas';
import { openApiPath, type JsonSchema, type RouteDoc, type SchemaSource } from './route-doc';
import { routeDocs } from './routes';
import { API_BASE, API_VERSION } from '../api-conventions';
import { problemTypes, problemTypeUri, type ProblemSlug } from '../problems';
import { DEFAULT_API_CONTACT, type ApiContact } from './contact';
import { definitions } from './kind-schemas';
import {
  allowedEventSchema,
  deadlineRecordSchema,
  eventResultSchema,
  historyPageSchema,
  problemSchema,
  inboxSchema,
  processPageSchema,
  processSummarySchema,
  processViewSchema,
} from './schemas';

/** Response schemas named as components, so the document refers to them by $ref. */
const named: [string, z.ZodType][] = [
  ['Problem', problemSchema],
  ['AllowedEvent', allowedEventSchema],
  ['Deadline', deadlineRecordSchema],
  ['ProcessView', processViewSchema],
  ['EventResult', eventResultSchema],
  ['HistoryPage', historyPageSchema],
  ['ProcessSummary', processSummarySchema],
  ['ProcessPage', processPageSchema],
  ['Inbox', inboxSchema],
];

const COMPONENTS = '#/components/schemas/';

function namedComponents(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `${COMPONENTS}${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, asComponent(schema as JsonSchema)]),
  );
}

function schemaOf(source: SchemaSource): JsonSchema {
  if (source instanceof z.ZodType) {
    const found = named.find(([, schema]) => schema === source);
    return found ? { $ref: `${COMPONENTS}${found[0]}` } : jsonSchemaOf(source);
  }
  return source;
}

function parameters(route: RouteDoc): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(route.params ?? {})) {
    list.push({ name, in: 'path', required: true, schema: jsonSchemaOf(schema) });
  }
  if (route.query) {
    const query = jsonSchemaOf(route.query);
    const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
    const required = (query.required ?? []) as string[];
    for (const [name, schema] of Object.entries(properties)) {
      const { description, ...rest } = schema;
      list.push({
        name,
        in: 'query',
        required: required.includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      });
    }
  }
  for (const [name, schema] of Object.entries(route.headers ?? {})) {
    list.push({ name, in: 'header', required: false, schema: jsonSchemaOf(schema) });
  }
  return list;
}

/** Every answer carries the API's full version (/core/version-header). */
const versionHeader = { 'API-Version': { $ref: '#/components/headers/ApiVersion' } };

const problemResponse = (description: string) => ({
  description,
  headers: versionHeader,
  content: { 'application/problem+json': { schema: { $ref: `${COMPONENTS}Problem` } } },
});

function operation(route: RouteDoc): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      headers: versionHeader,
      ...(response.schema || response.contentType
        ? {
            content: {
              [response.contentType ?? 'application/json']: {
                schema: response.schema ? schemaOf(response.schema) : { type: 'string' },
              },
            },
          }
        : {}),
    };
  }
  const params = parameters(route);
  const takesInput = route.body !== undefined || params.length > 0;
  if (takesInput) responses['400'] ??= problemResponse('Invalid input (`errors` names each field)');
  if (!route.public) {
    responses['401'] ??= problemResponse('No or unknown bearer token');
    responses['429'] ??= problemResponse('Too many requests from this caller (see Retry-After)');
  }
  responses['500'] ??= problemResponse('An unexpected error (X-Request-Id finds it in the logs)');
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(route.public ? { security: [] } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body) } },
          },
        }
      : {}),
    responses,
  };
}

const problemTypeList = (
  Object.entries(problemTypes) as [ProblemSlug, (typeof problemTypes)[ProblemSlug]][]
)
  .map(
    ([slug, type]) =>
      `- \`${problemTypeUri(slug)}\` (${type.status}, "${type.title}"): ${type.description}`,
  )
  .join('\n');

export function buildOpenApiDocument(
  routes: readonly RouteDoc[] = routeDocs,
  contact: ApiContact = DEFAULT_API_CONTACT,
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'DSO-LV governance processes',
      version: API_VERSION,
      contact,
      description:
        'The governance processes of the Beheerarrangement DSO-LV as durable Temporal workflows. ' +
        'Every error is a problem (RFC 9457, application/problem+json) of one of these types:\n' +
        problemTypeList,
    },
    servers: [{ url: API_BASE, description: 'This API, on the host that serves this document' }],
    tags: [
      { name: 'processes', description: 'Read and list processes of every kind' },
      ...definitions().map((definition) => ({
        name: definition.kind,
        description: `${definition.title}: start it, send it events, change its deadlines`,
      })),
      { name: 'deadlines', description: 'Deadlines of every kind, as a calendar' },
      { name: 'kinds', description: 'Process kinds and their statecharts' },
      { name: 'operations', description: 'Health, readiness and this document' },
      { name: 'sign-in', description: 'Who is signed in, and how the dashboard signs in' },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A token from the token file, or an access token (JWT) of the configured OpenID ' +
            'provider; either names the actor (role and party or organisation).',
        },
      },
      headers: {
        ApiVersion: {
          description: 'The full version of the API (semver)',
          schema: { type: 'string', example: API_VERSION },
        },
      },
      schemas: { ...namedComponents(), ...kindComponents() },
    },
  };
}
