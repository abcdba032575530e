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
import { pascal } from '../../server/openapi/kind-schemas';
import { openApiPath, type JsonSchema } from '../../server/openapi/route-doc';
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

test('every route express serves under /api/v1 is documented, per kind where it names one', () => {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const routes = expressRoutes(router.stack)
    .filter((route) => route.includes(' /api/v1/'))
    .map((route) => route.replace(' /api/v1/', ' /'))
    .flatMap((route) =>
      // A start, event or deadline route is documented once per kind, with that kind's bodies.
      route.includes('/kinds/{kind}/processes')
        ? processKinds
            .filter(
              (kind) =>
                !route.includes('/deadlines/') ||
                Object.keys(findDefinition(kind)?.deadlines ?? {}).length > 0,
            )
            .map((kind) => route.replace('{kind}', kind))
        : [route],
    );
  expect(routes.length).toBeGreaterThan(20);
  const documented = Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method} ${path}`),
  );
  expect(documented).toEqual(expect.arrayContaining(routes));
  expect(document.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
});

test('every $ref resolves; each kind has its start body and its events, told apart by type', () => {
  const text = JSON.stringify(document);
  const schemas = (document.components as { schemas: Record<string, JsonSchema> }).schemas;
  for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
    expect(Object.keys(schemas)).toContain(name);
  }
  for (const kind of processKinds) {
    const name = pascal(kind);
    expect(schemas[`Start${name}`]).toBeDefined();
    const events = schemas[`${name}Event`] as {
      oneOf: { $ref: string }[];
      discriminator: { propertyName: string; mapping: Record<string, string> };
    };
    expect(events.discriminator.propertyName).toBe('type');
    expect(Object.keys(events.discriminator.mapping).sort()).toEqual(
      Object.keys(findDefinition(kind)?.events ?? {}).sort(),
    );
    for (const [type, ref] of Object.entries(events.discriminator.mapping)) {
      const event = schemas[ref.replace('#/components/schemas/', '')] as {
        properties: { type: { const: string } };
      };
      expect(event.properties.type.const).toBe(type);
    }
    const start = paths[`/kinds/${kind}/processes`] as {
      post: { requestBody: { content: Record<string, { schema: JsonSchema }> } };
    };
    expect(start.post.requestBody.content['application/json']?.schema).toEqual({
      $ref: `#/components/schemas/Start${name}`,
    });
  }
  expect(document.components).toMatchObject({
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  });
});

test('the API serves the document, and Swagger UI at /docs from local assets', async () => {
  const served = await request(app).get('/api/v1/openapi.json');
  expect(served.status).toBe(200);
  // /core/publish-openapi: no token, and readable from any origin.
  expect(served.headers['access-control-allow-origin']).toBe('*');
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
  expect(initializer.text).toContain("url: '/api/v1/openapi.json'");
  expect(initializer.text).not.toContain('petstore');
  // Only what the page loads: no source maps, no package manifest.
  for (const hidden of ['package.json', 'swagger-ui-bundle.js.map', 'swagger-ui.js', 'LICENSE']) {
    expect((await request(app).get(`/docs/${hidden}`)).status).toBe(404);
  }
});
