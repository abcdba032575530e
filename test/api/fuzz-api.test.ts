/**
 * Bad input, generated: every endpoint gets thousands of requests, valid and invalid, from every
 * kind of caller. No answer is a 5xx, and nothing but an accepted request changes a run. Before
 * that, the complete role × event matrix: a role that may not send an event is refused with 403
 * (naming the roles that may), and every other role is not refused for its role.
 */
import fc from 'fast-check';
import { roles, type Role } from '../../machines/actors';
import { findDefinition } from '../../machines/registry';
import type { ProcessView } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { laterTerm } from '../helpers/reselection-script';
import { kindProcessPath } from '../../server/process-paths';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

/** One credential per role. */
const actorOfRole: Record<Role, string> = {
  minister: 'minister-bzk',
  bo: 'bo-rijk',
  ogb: 'ogb-rijk',
  sbo: 'sbo',
  tbo: 'tbo',
  obo: 'obo-kadaster',
  programme: 'programma-dso',
  developer: 'ontwikkelpartij',
};

/** One run of every kind, far in the future so no deadline passes during the test. */
const starts: { kind: string; starter: string; body: Record<string, unknown> }[] = [
  {
    kind: 'acceptance',
    starter: 'programma-dso',
    body: { provision: 'fuzz-loket', phase1Due: '2030-07-01', agreementDue: '2030-07-01' },
  },
  {
    kind: 'acceptance-programme',
    starter: 'programma-dso',
    body: {
      programme: 'fuzz',
      provisions: [{ id: 'fuzz-a' }],
      phase1Due: '2030-07-01',
      phase2Due: '2031-01-01',
      agreementDue: '2030-07-01',
      extensionProtocolDue: '2031-10-01',
    },
  },
  {
    kind: 'decision',
    starter: 'sbo',
    body: {
      decisionKey: 'fuzz',
      body: 'ogb',
      subject: 's',
      proposal: 'p',
      meetingDate: '2030-03-01',
    },
  },
  {
    kind: 'sbo-decision',
    starter: 'sbo',
    body: {
      decisionKey: 'fuzz',
      subject: 's',
      proposal: 'p',
      decisionType: 'obo-change',
      category: 2,
      responseDue: '2030-03-01',
    },
  },
  {
    kind: 'reselection',
    starter: 'sbo',
    body: laterTerm,
  },
  {
    kind: 'escalation',
    starter: 'sbo',
    body: { disputeKey: 'fuzz', subject: 's', description: 'd', origin: 'within-ogb' },
  },
  { kind: 'pc-cycle', starter: 'sbo', body: { year: 2040 } },
  {
    kind: 'obligation',
    starter: 'sbo',
    body: {
      obligationKey: 'fuzz',
      title: 'Fuzz',
      source: 'test',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2030-06-01',
    },
  },
];
const runIds: string[] = [];
/** Accepted operator events per run: the only thing allowed to change it. */
const accepted = new Map<string, number>();

type Answer = ProcessView & ProblemAnswer;

beforeAll(async () => {
  stack = await startApiStack('fuzz-api-test');
  call = apiClient(stack);
  for (const { kind, starter, body } of starts) {
    const started = await call<Answer>('POST', `/api/v1/kinds/${kind}/processes`, {
      token: token(starter),
      body,
    });
    if (started.status !== 201) throw new Error(`${kind}: ${JSON.stringify(started.body)}`);
    runIds.push(started.body.id);
    accepted.set(started.body.id, 0);
  }
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

function count(id: string, status: number) {
  if (status === 200 && accepted.has(id)) accepted.set(id, (accepted.get(id) ?? 0) + 1);
}

test('the role × event matrix: every event of every kind, sent by every role', async () => {
  let checked = 0;
  for (const id of runIds) {
    const kind = id.slice(0, id.indexOf(':'));
    const definition = findDefinition(kind);
    if (!definition) throw new Error(kind);
    for (const [type, event] of Object.entries(definition.events)) {
      for (const role of roles) {
        const answer = await call<Answer>('POST', `${kindProcessPath(id)}/events`, {
          token: token(actorOfRole[role]),
          body: { type },
        });
        count(id, answer.status);
        expect(answer.status).toBeLessThan(500);
        if ((event.roles as readonly string[]).includes(role)) {
          // Refused, if at all, for the payload, the state or this actor — never for the role.
          expect(answer.body.details?.allowedRoles).toBeUndefined();
        } else {
          expect([answer.status, answer.body.code]).toEqual([403, 'forbidden']);
          expect(answer.body.details?.allowedRoles).toEqual([...event.roles]);
        }
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(300);
}, 300_000);

const eventTypes = [
  ...new Set(starts.flatMap(({ kind }) => Object.keys(findDefinition(kind)?.events ?? {}))),
];
const fieldNames = [
  'provision',
  'assessment',
  'outcome',
  'findings',
  'note',
  'summary',
  'document',
  'organisation',
  'position',
  'party',
  'holder',
  'plan',
  'figures',
  'budgetCents',
  'advice',
  'criteria',
  'upholdsProposal',
  'outcomeText',
];

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.oneof(
    fc.constant('/api/v1/processes'),
    fc.constantFrom(...starts.map((s) => `/api/v1/kinds/${s.kind}/processes`)),
    fc.constantFrom(...starts.map((s) => s.kind)).map((kind) => `/api/v1/processes/${kind}:fuzz`),
    fc.constant('RUN'),
    fc.constant('KIND_RUN/events'),
    fc.string({ maxLength: 40 }).map((s) => `/api/v1/processes/${encodeURIComponent(s)}`),
    fc
      .string({ maxLength: 40 })
      .map((s) => `/api/v1/kinds/acceptance/processes/${encodeURIComponent(s)}/events`),
    fc
      .string({ maxLength: 40 })
      .map((s) => `/api/v1/kinds/${encodeURIComponent(s)}/processes/x/events`),
    fc
      .dictionary(
        fc.constantFrom('kind', 'state', 'businessKey', 'overdue', 'status', 'limit', 'x'),
        fc.string({ maxLength: 20 }),
      )
      .map((query) => `/api/v1/processes?${new URLSearchParams(query).toString()}`),
  ),
  run: fc.nat({ max: starts.length - 1 }),
  caller: fc.oneof(
    fc.constantFrom(...Object.values(actorOfRole)),
    fc.constant('no-such-token'),
    fc.constant(undefined),
  ),
  body: fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        type: fc.oneof(fc.constantFrom(...eventTypes), fc.string({ maxLength: 20 })),
        ...Object.fromEntries(fieldNames.map((name) => [name, fc.jsonValue({ maxDepth: 2 })])),
      },
      { requiredKeys: ['type'] },
    ),
  ),
  raw: fc.option(fc.string({ maxLength: 60 }), { freq: 10 }),
});

test('10 000 generated requests: no 5xx, and only accepted requests change a run', async () => {
  const before = new Map<string, number>();
  for (const id of runIds) {
    const view = await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('sbo') });
    before.set(id, view.body.history.filter((e) => e.actor.role !== 'system').length);
  }
  const acceptedBefore = new Map(accepted);
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(requestArbitrary, async (request) => {
      const runId = runIds[request.run] ?? '';
      const path = request.path
        .replace('KIND_RUN', kindProcessPath(runId))
        .replace('RUN', `/api/v1/processes/${encodeURIComponent(runId)}`);
      const answer = await fetch(`${stack.baseUrl}${path}`, {
        method: request.method,
        headers: {
          ...(request.caller ? { authorization: `Bearer ${token(request.caller)}` } : {}),
          ...(request.raw !== null || request.body !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
        },
        ...(request.method === 'GET' || (request.raw === null && request.body === undefined)
          ? {}
          : { body: request.raw ?? JSON.stringify(request.body) }),
      });
      await answer.text();
      sent++;
      if (answer.status >= 500) {
        throw new Error(`${request.method} ${path} → ${answer.status}`);
      }
      if (path === `${kindProcessPath(runId)}/events`) count(runId, answer.status);
    }),
    { numRuns: 10_000 },
  );
  expect(sent).toBe(10_000);
  for (const id of runIds) {
    const view = await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('sbo') });
    const byOperators = view.body.history.filter((e) => e.actor.role !== 'system').length;
    const gained = (accepted.get(id) ?? 0) - (acceptedBefore.get(id) ?? 0);
    expect([id, byOperators]).toEqual([id, (before.get(id) ?? 0) + gained]);
  }
}, 600_000);
