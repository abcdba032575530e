/**
 * Idempotency-Key through the API against the embedded dev server: a retry of the same request
 * answers its first result, a key reused for another request is refused (422) and changes
 * nothing, and keys are per actor.
 */
import type { EventResult, HostInput, ProcessView } from '../../workflows/contract';
import { searchAttributes } from '../../workflows/search-attributes';
import { adviceEvent } from '../helpers/acceptance-script';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { kindProcessPath } from '../../server/process-paths';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => {
  const value = stack.tokens[actorId];
  if (!value) throw new Error(`no token for ${actorId}`);
  return value;
};

beforeAll(async () => {
  stack = await startApiStack('idempotency-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;
const start = (provision: string, key: string, phase1Due = '2030-07-01') =>
  call<Answer>('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision, phase1Due, agreementDue: '2030-07-01' },
    headers: { 'Idempotency-Key': key },
  });
const send = (id: string, actorId: string, event: unknown, key: string) =>
  call<EventResult & ProblemAnswer>('POST', `${kindProcessPath(id)}/events`, {
    token: token(actorId),
    body: event,
    headers: { 'Idempotency-Key': key },
  });
const view = async (id: string) =>
  (await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('tbo') })).body;

test('a start retried with its key answers the run; the key with another body → 422', async () => {
  const first = await start('idem-start', 'start-idem-1');
  expect(first.status).toBe(201);
  // Keys are compared as sent JSON, whatever the order of its fields.
  const retried = await call<Answer>('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { agreementDue: '2030-07-01', phase1Due: '2030-07-01', provision: 'idem-start' },
    headers: { 'Idempotency-Key': 'start-idem-1' },
  });
  expect(retried.status).toBe(200);
  expect(retried.body.startedAt).toBe(first.body.startedAt);

  const other = await start('idem-start', 'start-idem-1', '2031-01-01');
  expect(other.status).toBe(422);
  expect(other.body).toMatchObject({
    code: 'idempotency_key_reused',
    type: 'urn:dso-lv:problem:idempotency-key-reused',
  });
  expect(other.body.errors).toEqual([expect.objectContaining({ name: 'Idempotency-Key' })]);
  expect((await view('acceptance:idem-start')).startedAt).toBe(first.body.startedAt);
});

test('an event key reused for another body, event type or update → 422; the run is unchanged', async () => {
  const id = 'acceptance:idem-event';
  expect((await start('idem-event', 'start-idem-event')).status).toBe(201);
  const first = await send(id, 'tbo', adviceEvent, 'advice-1');
  expect(first.status).toBe(200);
  const applied = await view(id);
  const again = await send(id, 'tbo', adviceEvent, 'advice-1');
  expect(again.status).toBe(200);
  expect(again.body.seq).toBe(first.body.seq);

  const otherBody = await send(id, 'tbo', { ...adviceEvent, advice: 'Iets anders.' }, 'advice-1');
  expect(otherBody.status).toBe(422);
  expect(otherBody.body.code).toBe('idempotency_key_reused');
  const otherType = await send(id, 'tbo', { type: 'FIX_CRITERIA', criteria: [] }, 'advice-1');
  expect(otherType.status).toBe(422);
  const deadline = await call<Answer>('POST', `${kindProcessPath(id)}/deadlines/phase1/suspend`, {
    token: token('tbo'),
    body: { reason: 'Even niet' },
    headers: { 'Idempotency-Key': 'advice-1' },
  });
  expect(deadline.status).toBe(422);

  const after = await view(id);
  expect(after.history).toEqual(applied.history);
  expect(after.deadlines).toEqual(applied.deadlines);
});

test("another actor's same key is its own request, not the first one's answer", async () => {
  const id = 'acceptance:idem-actor';
  expect((await start('idem-actor', 'start-idem-actor')).status).toBe(201);
  expect((await send(id, 'tbo', adviceEvent, 'shared-key')).status).toBe(200);
  // The developer may not advise: its request is judged on its own, not answered with tbo's.
  const other = await send(id, 'ontwikkelpartij', adviceEvent, 'shared-key');
  expect(other.status).toBe(403);
  expect(other.body.code).toBe('forbidden');
});

test('a key reused after continue-as-new is still compared with the request first applied', async () => {
  const id = 'acceptance:idem-continued';
  const input: HostInput = {
    input: { provision: 'idem-continued', phase1Due: '2030-07-01', agreementDue: '2030-07-01' },
    startedBy: { id: 'programma-dso', role: 'programme' },
    // Continues as new after the first event, carrying the update ids it applied.
    continueAsNewAfterEvents: 5,
  };
  const handle = await stack.client.workflow.start('acceptance', {
    taskQueue: 'idempotency-api-test',
    workflowId: id,
    args: [input],
    typedSearchAttributes: [
      { key: searchAttributes.kind, value: 'acceptance' },
      { key: searchAttributes.businessKey, value: 'idem-continued' },
    ],
  });
  const firstRun = handle.firstExecutionRunId;
  const first = await send(id, 'tbo', adviceEvent, 'advice-before-continue');
  expect(first.status).toBe(200);
  let runId = firstRun;
  // Up to 30 s: on a loaded machine the worker's next task can wait seconds for a core.
  for (let attempt = 0; attempt < 300 && runId === firstRun; attempt++) {
    runId = (await stack.client.workflow.getHandle(id).describe()).runId;
    if (runId === firstRun) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(runId).not.toBe(firstRun);

  const other = await send(
    id,
    'tbo',
    { ...adviceEvent, advice: 'Iets anders.' },
    'advice-before-continue',
  );
  expect(other.status).toBe(422);
  expect(other.body.code).toBe('idempotency_key_reused');
  const again = await send(id, 'tbo', adviceEvent, 'advice-before-continue');
  expect(again.status).toBe(200);
  expect((await view(id)).historyCount).toBe(first.body.seq);
});
