/**
 * The inbox and the paged, party-filtered listing against the real embedded dev server; the
 * answers are checked against the schemas the OpenAPI document is made from.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  problemSchema,
  inboxSchema,
  processPageSchema,
  processViewSchema,
} from '../../server/openapi/schemas';
import { visibilityQuery } from '../../server/process-listing';
import { readableKinds } from '../../server/read-access';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import { until } from '../helpers/until';

type Inbox = z.infer<typeof inboxSchema>;
type Page = z.infer<typeof processPageSchema>;

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
let token: (actorId: string) => string;

beforeAll(async () => {
  stack = await startApiStack('inbox-listing-test');
  call = apiClient(stack);
  token = (actorId) => {
    const value = stack.tokens[actorId];
    if (!value) throw new Error(`no token for ${actorId}`);
    return value;
  };
  const started = await Promise.all([
    call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: { provision: 'later', phase1Due: '2030-07-01', agreementDue: '2030-09-01' },
    }),
    call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: { provision: 'sooner', phase1Due: '2030-03-01', agreementDue: '2030-09-01' },
    }),
    call('POST', '/api/v1/kinds/sbo-decision/processes', {
      token: token('sbo'),
      body: {
        decisionKey: 'consult-governments',
        subject: 'Overig besluit',
        proposal: 'Een voorstel voor de andere overheden',
        decisionType: 'other',
        category: 2,
        responseDue: '2030-05-01',
      },
    }),
  ]);
  for (const answer of started) {
    expect(answer.status).toBe(201);
    processViewSchema.parse(answer.body);
  }
});

afterAll(async () => {
  await stack.stop();
});

async function inbox(actorId: string): Promise<Inbox> {
  const answer = await call('GET', '/api/v1/inbox', { token: token(actorId) });
  expect(answer.status).toBe(200);
  return inboxSchema.parse(answer.body);
}

async function list(query: string): Promise<Page> {
  const answer = await call('GET', `/api/v1/processes?${query}`, { token: token('sbo') });
  expect(answer.status).toBe(200);
  return processPageSchema.parse(answer.body);
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

test("the inbox holds the caller's processes, soonest deadline first, with only their events", async () => {
  const tbo = await until(
    () => inbox('tbo'),
    (answer) => ids(answer.items).includes('acceptance:later') && answer.items.length >= 2,
  );
  expect(ids(tbo.items)).toEqual(['acceptance:sooner', 'acceptance:later']);
  const [sooner] = tbo.items;
  expect(sooner?.nextDeadline).toBe('2030-02-28T23:00:00.000Z');
  expect(sooner?.allowedEvents.map((event) => event.type)).toContain('CRITERIA_ADVICE');
  for (const item of tbo.items) {
    expect(item.allowedEvents.every((event) => event.role === 'tbo')).toBe(true);
  }

  // Only the other governments respond to the SBO: VNG's inbox has it, the Rijk's does not.
  const vng = await until(
    () => inbox('ogb-vng'),
    (answer) => ids(answer.items).includes('sbo-decision:consult-governments'),
  );
  const consultation = vng.items.find((item) => item.id === 'sbo-decision:consult-governments');
  expect(consultation?.allowedEvents).toEqual([
    expect.objectContaining({ type: 'RESPOND', role: 'ogb', party: 'vng' }),
  ]);
  const rijk = await inbox('ogb-rijk');
  expect(ids(rijk.items)).not.toContain('sbo-decision:consult-governments');
  for (const item of rijk.items) {
    expect(
      item.allowedEvents.every((e) => e.role === 'ogb' && (e.party ?? 'rijk') === 'rijk'),
    ).toBe(true);
  }
});

test('listing filters by the party waited on', async () => {
  const vng = await until(
    () => list('party=vng'),
    (page) => ids(page.processes).includes('sbo-decision:consult-governments'),
  );
  expect(ids(vng.processes)).toEqual(['sbo-decision:consult-governments']);
  expect(vng.processes[0]?.waitingOn).toEqual(
    expect.arrayContaining(['ogb:ipo', 'ogb:uvw', 'ogb:vng']),
  );
  expect(ids((await list('party=rijk')).processes)).not.toContain(
    'sbo-decision:consult-governments',
  );
});

test('listing pages through every match with an opaque token', async () => {
  await until(
    () => list('kind=acceptance'),
    (page) => page.processes.length === 2,
  );
  const first = await list('kind=acceptance&pageSize=1');
  expect(first.processes).toHaveLength(1);
  expect(first.nextPageToken).toEqual(expect.any(String));
  const second = await list(
    `kind=acceptance&pageSize=1&pageToken=${encodeURIComponent(first.nextPageToken ?? '')}`,
  );
  expect(second.processes).toHaveLength(1);
  expect([...ids(first.processes), ...ids(second.processes)].sort()).toEqual([
    'acceptance:later',
    'acceptance:sooner',
  ]);
  const rest = second.nextPageToken
    ? await list(`kind=acceptance&pageSize=1&pageToken=${second.nextPageToken}`)
    : { processes: [], nextPageToken: null };
  expect(rest.processes).toEqual([]);
  expect(rest.nextPageToken).toBeNull();
});

test('a malformed or foreign page token is refused with 400', async () => {
  const malformed = await call('GET', '/api/v1/processes?pageToken=not%20base64!', {
    token: token('tbo'),
  });
  expect(malformed.status).toBe(400);
  expect(problemSchema.parse(malformed.body)).toMatchObject({ code: 'invalid_query' });
  const forged = await call('GET', '/api/v1/processes?pageToken=Zm9yZ2Vk', { token: token('tbo') });
  expect(forged.status).toBe(400);
  expect(problemSchema.parse(forged.body)).toMatchObject({ code: 'invalid_page_token' });
  // A real token, but of another query: refused, not silently applied to this one.
  const page = await until(
    () => list('kind=acceptance&pageSize=1'),
    (answer) => answer.nextPageToken !== null,
  );
  const foreign = await call(
    'GET',
    `/api/v1/processes?kind=sbo-decision&pageSize=1&pageToken=${page.nextPageToken ?? ''}`,
    { token: token('tbo') },
  );
  expect(foreign.status).toBe(400);
  expect(problemSchema.parse(foreign.body)).toMatchObject({ code: 'invalid_page_token' });
  const size = await call('GET', '/api/v1/processes?pageSize=0', { token: token('tbo') });
  expect(size.status).toBe(400);
});

test('a page token forged with the public query digest is refused before Temporal is asked', async () => {
  // The envelope as the API builds it, which anyone can: the digest of the query is no secret.
  const query = visibilityQuery({}, readableKinds({ id: 'tbo', role: 'tbo' }));
  const envelope = Buffer.from(
    JSON.stringify({
      q: createHash('sha256').update(query).digest('base64url').slice(0, 22),
      t: Buffer.from('{"offset":1}').toString('base64url'),
    }),
  ).toString('base64url');
  const fakeSignature = randomBytes(32).toString('base64url');
  for (const forged of [envelope, `${envelope}${fakeSignature}`]) {
    // Temporal would take seconds and answer 500 (Jest's timeout is far above them, so the
    // status tells): the signature check answers 400 naming the parameter.
    const answer = await call('GET', `/api/v1/processes?pageToken=${forged}`, {
      token: token('tbo'),
    });
    expect(answer.status).toBe(400);
    expect(problemSchema.parse(answer.body)).toMatchObject({
      code: 'invalid_page_token',
      errors: [expect.objectContaining({ name: 'pageToken', in: 'query' })],
    });
  }
  // A real token with its inner token changed: the signature no longer matches.
  const page = await until(
    () => list('kind=acceptance&pageSize=1'),
    (answer) => answer.nextPageToken !== null,
  );
  const real = page.nextPageToken ?? '';
  const tampered = `${real.slice(0, 10)}${real[10] === 'A' ? 'B' : 'A'}${real.slice(11)}`;
  const answer = await call('GET', `/api/v1/processes?kind=acceptance&pageToken=${tampered}`, {
    token: token('tbo'),
  });
  expect(answer.status).toBe(400);
  expect(problemSchema.parse(answer.body)).toMatchObject({ code: 'invalid_page_token' });
});
