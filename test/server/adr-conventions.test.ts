/**
 * The NL API Design Rules (ADR 2.1) that the Spectral linter cannot see in the document, checked on
 * the answers themselves: the version and security headers on every route, problem+json on every
 * error path (unknown route, trailing slash, 401, 406, 413, 415, 429, 400), the moved v0 paths.
 * No Temporal is needed: every request here is answered before the service would be called.
 */
import { Client } from '@temporalio/client';
import type express from 'express';
import request from 'supertest';
import { createApp } from '../../server/app';
import { API_VERSION } from '../../server/api-conventions';
import { jsonDepth } from '../../server/json-body';
import { createLogger } from '../../server/logger';
import { routeDocs } from '../../server/openapi/routes';
import { ProcessService } from '../../server/process-service';
import { problemTypes, PROBLEM_TYPE_PREFIX } from '../../server/problems';
import { TokenRegistry } from '../../server/tokens';

const TOKEN = 'adr-conventions-token-0001';
let app: express.Express;

beforeAll(() => {
  app = createApp({
    processes: new ProcessService(new Client(), 'adr-test'),
    tokens: new TokenRegistry({
      tokens: [{ token: TOKEN, actor: { id: 'tbo', role: 'tbo' } }],
    }),
    logger: createLogger('silent'),
    rateLimitPerMinute: 1000,
  });
});

/** A problem answer as RFC 9457 and /core/error-handling/problem-details ask. */
function expectProblem(answer: request.Response, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = answer.body as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(String(body.type)).toMatch(new RegExp(`^${PROBLEM_TYPE_PREFIX}[a-z-]+$`));
  expect(Object.keys(problemTypes)).toContain(String(body.type).slice(PROBLEM_TYPE_PREFIX.length));
  expect(body.instance).toBe(answer.request.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0]);
}

/** /core/version-header and /core/transport/security-headers. */
function expectApiHeaders(answer: request.Response) {
  expect(answer.headers['api-version']).toBe(API_VERSION);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['x-frame-options']).toBe('DENY');
  expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
}

/** Each documented route with its path parameters filled in. */
const concretePaths = routeDocs.map((route) => ({
  method: route.method,
  path: `/api/v1${route.path
    .replace(':id', 'acceptance%3Aloket')
    .replace(':key', 'loket')
    .replace(':kind', 'acceptance')
    .replace(':deadlineId', 'phase1')
    .replace(':action', 'suspend')}`,
  public: route.public === true,
}));

test.each(concretePaths)(
  'every answer of $method $path carries the API version and the security headers',
  async ({ method, path, public: open }) => {
    // Without a token: public routes answer, the others refuse; both carry the headers.
    const answer =
      method === 'get' && path.endsWith('/ready') ? null : await request(app)[method](path);
    if (answer === null) return; // readiness asks Temporal; operations-api.test.ts covers it
    expectApiHeaders(answer);
    if (!open) {
      expectProblem(answer, 401, 'unauthenticated');
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
    }
  },
);

test('the API root and the document answer without a token, with the headers', async () => {
  const root = await request(app).get('/api/v1');
  expect(root.status).toBe(200);
  expectApiHeaders(root);
  expect(root.body).toMatchObject({ version: API_VERSION, openapi: '/api/v1/openapi.json' });
});

test('a trailing slash is another path: 404, as a problem (/core/no-trailing-slash)', async () => {
  for (const path of ['/api/v1/processes/', '/api/v1/inbox/', '/api/v1/kinds/', '/api/v1/']) {
    const answer = await request(app).get(path).set('authorization', `Bearer ${TOKEN}`);
    expectProblem(answer, 404, 'not_found');
    expectApiHeaders(answer);
  }
});

test('unknown routes and the first version paths answer 404 problems', async () => {
  const unknown = await request(app).get('/api/v1/nergens').set('authorization', `Bearer ${TOKEN}`);
  expectProblem(unknown, 404, 'not_found');
  const wrongMethod = await request(app)
    .delete('/api/v1/processes')
    .set('authorization', `Bearer ${TOKEN}`);
  expectProblem(wrongMethod, 404, 'not_found');
  for (const old of ['/api/processes', '/api/health', '/api/openapi.json']) {
    const answer = await request(app).get(old);
    expectProblem(answer, 404, 'moved');
    expect((answer.body as { detail: string }).detail).toContain('/api/v1');
    expect(answer.headers['api-version']).toBe(API_VERSION);
  }
});

test('bodies that cannot be read are 4xx problems, never 500', async () => {
  const post = () =>
    request(app).post('/api/v1/kinds/acceptance/processes').set('authorization', `Bearer ${TOKEN}`);
  expectProblem(
    await post().set('content-type', 'text/plain').send('provision=loket'),
    415,
    'unsupported_media_type',
  );
  expectProblem(
    await post()
      .set('content-type', 'application/json; charset=latin1')
      .send('{"provision":"loket"}'),
    415,
    'unsupported_media_type',
  );
  expectProblem(
    await post()
      .set('content-type', 'application/json')
      .set('content-encoding', 'zstd-nonsense')
      .send('{"provision":"loket"}'),
    415,
    'unsupported_media_type',
  );
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  expect(deep.length).toBeLessThan(100_000);
  const tooDeep = await post().set('content-type', 'application/json').send(deep);
  expectProblem(tooDeep, 400, 'invalid_json');
  expect((tooDeep.body as { detail: string }).detail).toMatch(/nests deeper/);
  const invalid = await post().set('content-type', 'application/json').send('{"provision":');
  expectProblem(invalid, 400, 'invalid_json');
  const large = await post()
    .set('content-type', 'application/json')
    .send(JSON.stringify({ provision: 'x'.repeat(200_000) }));
  expectProblem(large, 413, 'body_too_large');
});

test('a body in a string with braces still parses: depth counts structure only', () => {
  expect(jsonDepth('{"a":"{{{{[[[["}')).toBe(1);
  expect(jsonDepth('{"a":"\\"{{"}')).toBe(1);
  expect(jsonDepth('[[{"b":[1]}]]')).toBe(4);
});

test('an Accept header without JSON gets 406; a bad query lists every field at once', async () => {
  const html = await request(app)
    .get('/api/v1/processes')
    .set('authorization', `Bearer ${TOKEN}`)
    .set('accept', 'text/html');
  expectProblem(html, 406, 'not_acceptable');
  const bad = await request(app)
    .get('/api/v1/processes?overdue=maybe&pageSize=0&colour=red')
    .set('authorization', `Bearer ${TOKEN}`);
  expectProblem(bad, 400, 'invalid_query');
  const errors = (bad.body as { errors: { name: string; in: string }[] }).errors;
  expect(errors.map((error) => error.in)).toEqual(errors.map(() => 'query'));
  expect(errors.map((error) => error.name).sort()).toEqual(
    expect.arrayContaining(['overdue', 'pageSize']),
  );
  expect(errors.length).toBeGreaterThanOrEqual(3);
});

test('too many requests: 429 as a problem with Retry-After', async () => {
  const limited = createApp({
    processes: new ProcessService(new Client(), 'adr-test'),
    tokens: new TokenRegistry({ tokens: [{ token: TOKEN, actor: { id: 'tbo', role: 'tbo' } }] }),
    logger: createLogger('silent'),
    rateLimitPerMinute: 2,
  });
  for (let i = 0; i < 2; i += 1)
    await request(limited).get('/api/v1/kinds').set('authorization', `Bearer ${TOKEN}`);
  const answer = await request(limited)
    .get('/api/v1/kinds')
    .set('authorization', `Bearer ${TOKEN}`);
  expectProblem(answer, 429, 'rate_limited');
  expect(answer.headers['retry-after']).toBe('60');
  expectApiHeaders(answer);
});

test('the dashboard has its own content security policy; the API version is on it too', async () => {
  const page = await request(app).get('/');
  expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(page.headers['x-frame-options']).toBe('DENY');
  expect(page.headers['api-version']).toBe(API_VERSION);
});
