/**
 * The OpenAPI document is one a generator can use: test/generated/api-types.ts is what
 * openapi-typescript makes of it (and must stay so), and an acceptance run is driven to
 * provisional operation through openapi-fetch with those types alone — every path, body and
 * answer below is type-checked against the generated client, not against the product's code.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import type { components, paths } from '../generated/api-types';
import { startApiStack, type ApiStack } from '../helpers/api-stack';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack('generated-client-test');
});

afterAll(async () => {
  await stack.stop();
});

test('the committed client types are what the generator makes of the document today', async () => {
  const root = resolve(__dirname, '../..');
  const committed = readFileSync(resolve(root, 'test/generated/api-types.ts'), 'utf8');
  // The generator is an ES module jest cannot load; it runs as the npm script does.
  const { stdout } = await promisify(execFile)(
    resolve(root, 'node_modules/.bin/tsx'),
    ['scripts/generate-api-types.ts', '--stdout'],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  // If this fails: npm run api:types, and commit the result with the API change.
  expect(committed).toBe(stdout);
});

type AcceptanceEvent = components['schemas']['AcceptanceEvent'];
const assessments = [
  'technicalFunctional',
  'readyForUse',
  'transferProcess',
  'operatorReady',
] as const;

test('a generated client drives an acceptance run to provisional operation', async () => {
  const as = (actorId: string) => {
    const token = stack.tokens[actorId];
    if (!token) throw new Error(`no token for ${actorId}`);
    return createClient<paths>({
      baseUrl: `${stack.baseUrl}/api/v1`,
      headers: { authorization: `Bearer ${token}` },
    });
  };
  const started = await as('programma-dso').POST('/kinds/acceptance/processes', {
    body: { provision: 'generated-client', phase1Due: '2030-07-01', agreementDue: '2030-07-01' },
  });
  expect(started.response.status).toBe(201);
  expect(started.data?.id).toBe('acceptance:generated-client');

  const send = async (actorId: string, body: AcceptanceEvent) => {
    const answer = await as(actorId).POST('/kinds/acceptance/processes/{key}/events', {
      params: { path: { key: 'generated-client' } },
      body,
    });
    if (answer.error) throw new Error(`${body.type}: ${answer.error.detail}`);
    return answer.data;
  };
  await send('tbo', { type: 'CRITERIA_ADVICE', advice: 'Toets ook de koppelvlakken.' });
  await send('ogb-vng', {
    type: 'FIX_CRITERIA',
    criteria: {
      technicalFunctional: 'Werkt volgens de specificaties',
      readyForUse: 'In gebruik te nemen',
      transferProcess: 'Overdracht ingericht',
      operatorReady: 'Beheerder gereed',
    },
  });
  for (const assessment of assessments) {
    await send('ogb-ipo', { type: 'VERDICT', assessment, outcome: 'positive' });
    await send('tbo', { type: 'VERDICT', assessment, outcome: 'positive' });
  }
  await send('ogb-rijk', { type: 'PROVISIONALLY_ACCEPT' });
  await send('tbo', { type: 'PROVISIONALLY_ACCEPT' });
  const transferred = await send('tbo', {
    type: 'TRANSFER_COMPLETED',
    operationalManager: 'Kadaster',
  });
  expect(transferred.state).toContain('acceptance.provisionalOperation');

  // A refusal arrives as the generated problem type, with its rule.
  const refused = await as('ontwikkelpartij').POST('/kinds/acceptance/processes/{key}/events', {
    params: { path: { key: 'generated-client' } },
    body: { type: 'PROVISIONALLY_ACCEPT' },
  });
  expect(refused.response.status).toBe(403);
  expect(refused.error).toMatchObject({ type: 'urn:dso-lv:problem:wrong-role', code: 'forbidden' });

  const view = await as('sbo').GET('/processes/{id}', {
    params: { path: { id: 'acceptance:generated-client' } },
  });
  expect(view.data?.history.map((entry) => entry.event.type)).toContain('TRANSFER_COMPLETED');
});
