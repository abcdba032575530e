/** The re-selection through the operator API: where it stands, who must act, what is due next. */
import type { ProcessView } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { laterTerm } from '../helpers/reselection-script';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('reselection-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;

test('an operator starts a re-selection and sees the step, who must act and the next deadline', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/reselection/processes', {
    token: token('sbo'),
    body: laterTerm,
  });
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({
    id: 'reselection:2034-2038',
    nextDeadline: '2032-06-30T22:00:00.000Z',
  });
  expect(started.body.stateLabels).toEqual(
    expect.arrayContaining([
      'Afspraken over inhoud en aanpak van de evaluatie',
      'VNG besluit over deelname aan de selectie',
    ]),
  );
  const who = started.body.allowedEvents.map(
    (e) => `${e.type}:${e.role}${e.party ? `:${e.party}` : ''}`,
  );
  expect(who).toEqual(
    expect.arrayContaining([
      'APPROACH_PROPOSED:ogb',
      'RULES_PROPOSED:ogb',
      'BUDGET_EVALUATION_COMPLETED:sbo',
      'VNG_JOINS_SELECTION:ogb:vng',
    ]),
  );
  // The evaluation waits until the approach is agreed; one member no longer fixes the rules.
  expect(who).not.toContain('EVALUATION_COMPLETED:sbo');
  expect(who).not.toContain('RULES_FIXED:ogb');

  const early = await call<Answer>('POST', '/api/v1/kinds/reselection/processes/2034-2038/events', {
    token: token('sbo'),
    body: { type: 'EVALUATION_COMPLETED', findings: 'f', taskDivision: 't' },
  });
  // The refusal says the rule: the agreement on the approach comes first (§3.6).
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({
    type: 'urn:dso-lv:problem:missing-earlier-step',
    detail: expect.stringMatching(/inhoud en aanpak van de evaluatie/),
  });
  const notVng = await call<Answer>(
    'POST',
    '/api/v1/kinds/reselection/processes/2034-2038/events',
    {
      token: token('ogb-ipo'),
      body: { type: 'VNG_JOINS_SELECTION' },
    },
  );
  expect(notVng.status).toBe(403);
  expect(notVng.body.details).toMatchObject({
    reason: 'only the VNG speaks for the municipalities',
  });

  const listed = await call<{ processes: { id: string }[] }>(
    'GET',
    '/api/v1/processes?kind=reselection',
    {
      token: token('sbo'),
    },
  );
  expect(listed.status).toBe(200);
});

test('a re-selection whose terms do not follow each other is refused with 400 naming the field', async () => {
  const bad = await call<Answer>('POST', '/api/v1/kinds/reselection/processes', {
    token: token('sbo'),
    body: { ...laterTerm, nextTerm: { from: 2036, to: 2040 } },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        name: 'nextTerm.from',
        in: 'body',
        detail: 'the next term starts the year after the current term ends',
      }),
    ]),
  );
  const forbidden = await call<Answer>('POST', '/api/v1/kinds/reselection/processes', {
    token: token('tbo'),
    body: laterTerm,
  });
  expect(forbidden.status).toBe(403);
});
