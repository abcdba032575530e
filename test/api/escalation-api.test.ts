/** Escalations started by hand through the operator API. */
import type { ProcessView } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('escalation-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;
const event = (actorId: string, body: Record<string, unknown>) =>
  call<Answer>('POST', '/api/v1/kinds/escalation/processes/koppelvlak/events', {
    token: token(actorId),
    body,
  });

test('a dispute started by hand shows who owns it since when; only the actors of its rung act', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/escalation/processes', {
    token: token('ogb-vng'),
    body: {
      disputeKey: 'koppelvlak',
      subject: 'Koppelvlak',
      description: 'Uitleg',
      origin: 'sbo-ogb',
    },
  });
  expect(started.status).toBe(201);
  expect(started.body.context).toMatchObject({
    currentRung: { rung: 'ogb', owner: 'het OGB Beheer' },
  });
  expect(started.body.summary).toMatch(/^Koppelvlak: bij het OGB Beheer sinds \d{4}-\d{2}-\d{2}$/);

  const bySbo = await event('sbo', { type: 'RESOLVE', outcome: 'x', upholdsProposal: true });
  expect(bySbo.status).toBe(403);
  expect(bySbo.body.details).toMatchObject({ reason: 'only the OGB Beheer resolves it now' });
  expect((await event('tbo', { type: 'MANDATE_LACKING' })).status).toBe(403);
  expect((await event('ogb-ipo', { type: 'SETTLEMENT_FAILED' })).status).toBe(409);

  const resolved = await event('ogb-ipo', {
    type: 'RESOLVE',
    outcome: 'Uitleg vastgelegd in het verslag',
    upholdsProposal: true,
  });
  expect(resolved.status).toBe(200);
  expect(resolved.body.status).toBe('completed');
  // The event's answer is the small result; the output is in the view.
  const view = await call<ProcessView>('GET', '/api/v1/processes/escalation:koppelvlak', {
    token: token('ogb-ipo'),
  });
  expect(view.body.output).toMatchObject({ resolution: { rung: 'ogb', by: 'ogb-ipo' } });
});

test('an unknown origin is refused with 400 naming the field', async () => {
  const bad = await call<Answer>('POST', '/api/v1/kinds/escalation/processes', {
    token: token('sbo'),
    body: { disputeKey: 'x', subject: 'x', description: 'x', origin: 'minister-vs-everyone' },
  });
  expect(bad.status).toBe(400);
  expect((bad.body.errors as { name: string }[])[0]?.name).toBe('origin');
});
