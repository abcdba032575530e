/** Builds the OpenAPI 3.1 document from the route list and the zod schemas the routes use. */
import { z } from 'zod';
import { asComponent, jsonSchemaOf, kindComponents } from './kind-schemas';
import { openApiPath, type JsonSchema, type RouteDoc, type SchemaSource } from './route-doc';
import { routeDocs } from './routes';
import {
  allowedEventSchema,
  deadlineRecordSchema,
  errorSchema,
  inboxSchema,
  processPageSchema,
  processSummarySchema,
  processViewSchema,
} from './schemas';

/** Response schemas named as components, so the document refers to them by $ref. */
const named: [string, z.ZodType][] = [
  ['Error', errorSchema],
  ['AllowedEvent', allowedEventSchema],
  ['Deadline', deadlineRecordSchema],
  ['ProcessView', processViewSchema],
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

function operation(route: RouteDoc): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
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
  if (!route.public) {
    responses['401'] ??= {
      description: 'No or unknown bearer token',
      content: { 'application/json': { schema: { $ref: `${COMPONENTS}Error` } } },
    };
    responses['429'] ??= {
      description: 'Too many requests from this caller (see Retry-After)',
      content: { 'application/json': { schema: { $ref: `${COMPONENTS}Error` } } },
    };
  }
  const params = parameters(route);
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

export function buildOpenApiDocument(routes: readonly RouteDoc[] = routeDocs): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'DSO-LV governance processes',
      version: '0.1.0',
      description:
        'The governance processes of the Beheerarrangement DSO-LV as durable Temporal workflows. ' +
        'Every error is JSON {error, message, details}.',
    },
    tags: [
      { name: 'processes', description: 'Start, read, act on and list processes' },
      { name: 'kinds', description: 'Process kinds and their statecharts' },
      { name: 'operations', description: 'Health, readiness, metrics and this document' },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from the token file; it names the actor (role and party).',
        },
      },
      schemas: { ...namedComponents(), ...kindComponents() },
    },
  };
}
