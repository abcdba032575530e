/**
 * The OpenAPI document: valid OpenAPI 3.1 by a maintained validator (@seriousme/openapi-schema-validator), complete (every express
 * route is in it), its references resolve, and Swagger UI is served from the package itself.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import type express from 'express';
import request from 'supertest';
import { processKinds, findDefinition } from '../../machines/registry';
import { createLogger } from '../../server/logger';
import { createApp } from '../../server/app';
import { buildOpenApiDocument } from '../../server/openapi/document';
import { openApiPath } from '../../server/openapi/route-doc';
import { ProcessService } from '../../server/process-service';
import { TokenRegistry } from '../../server/tokens';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
  slash?: boolean;
}

/** Every "METHOD path" express routes, walking mounted routers. */
function expressRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`;
      return Object.keys(layer.route.methods).map((method) => `${method} ${openApiPath(path)}`);
    }
    if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && !layer.slash ? layer.rawPath : '';
      return expressRoutes(layer.handle.stack, `${prefix}${mount}`);
    }
    return [];
  });
}

let app: express.Express;
const document = buildOpenApiDocument();
const paths = document.paths as Record<string, Record<string, unknown>>;

beforeAll(() => {
  // The document needs no Temporal: the service is never called here.
  app = createApp({
    processes: new ProcessService(new Client(), 'openapi-test'),
    tokens: new TokenRegistry({ tokens: [] }),
    logger: createLogger('silent'),
  });
});

/**
 * The validator is an ES module, which jest's CommonJS runtime cannot load: it runs in its own
 * node, reading the document from stdin.
 */
const validatorScript = `
import { Validator } from '@seriousme/openapi-schema-validator';
let text = '';
for await (const chunk of process.stdin) text += chunk;
const result = await new Validator().validate(JSON.parse(text));
process.stdout.write(JSON.stringify(result));
`;

async function validateOpenApi(document: object): Promise<{ valid: boolean; errors?: unknown }> {
  const child = promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', validatorScript],
    {
      cwd: process.cwd(),
    },
  );
  child.child.stdin?.end(JSON.stringify(document));
  const { stdout } = await child;
  return JSON.parse(stdout) as { valid: boolean; errors?: unknown };
}

test('the document is valid OpenAPI 3.1', async () => {
  const result = await validateOpenApi(document);
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
  // And the validator does refuse a broken one.
  const broken = await validateOpenApi({ ...document, paths: { '/x': { get: { responses: 1 } } } });
  expect(broken.valid).toBe(false);
});

test('every route express serves under /api (and /metrics) is documented', () => {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const routes = expressRoutes(router.stack).filter(
    (route) => route.includes(' /api') || route.endsWith(' /metrics'),
  );
  expect(routes.length).toBeGreaterThan(5);
  const documented = Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method} ${path}`),
  );
  expect(documented).toEqual(expect.arrayContaining(routes));
});

test('every $ref resolves, and each kind has its start body and event bodies', () => {
  const text = JSON.stringify(document);
  const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
  for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
    expect(Object.keys(schemas)).toContain(name);
  }
  for (const kind of processKinds) {
    expect(schemas[`Start_${kind}`]).toBeDefined();
    const events = schemas[`Events_${kind}`] as { oneOf: { title: string }[] };
    expect(events.oneOf.map((event) => event.title).sort()).toEqual(
      Object.keys(findDefinition(kind)?.events ?? {}).sort(),
    );
  }
  expect(document.components).toMatchObject({
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  });
});

test('the API serves the document, and Swagger UI at /docs from local assets', async () => {
  const served = await request(app).get('/api/openapi.json');
  expect(served.status).toBe(200);
  expect(served.body).toEqual(JSON.parse(JSON.stringify(document)));

  const redirect = await request(app).get('/docs');
  expect(redirect.status).toBe(301);
  const page = await request(app).get('/docs/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<div id="swagger-ui">');
  for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-initializer.js']) {
    expect(page.text).toContain(asset);
    const served = await request(app).get(`/docs/${asset}`);
    expect(served.status).toBe(200);
  }
  const initializer = await request(app).get('/docs/swagger-initializer.js');
  expect(initializer.text).toContain("url: '/api/openapi.json'");
  expect(initializer.text).not.toContain('petstore');
});
