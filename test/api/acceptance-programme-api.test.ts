/** The acceptance programme through the operator API: start, ready reports, the matrix. */
import type { ProcessView } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('acceptance-programme-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

type Answer = ProcessView & ProblemAnswer;
interface Row {
  provision: string;
  status: string;
  summary: string | null;
  phase1: Record<string, Record<string, { outcome: string; by: string } | null>>;
}
const rowsOf = (view: ProcessView) => (view.context.matrix as { rows: Row[] }).rows;

async function viewUntil(id: string, check: (view: ProcessView) => boolean): Promise<ProcessView> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await call<ProcessView>('GET', `/api/v1/processes/${id}`, {
      token: token('tbo'),
    });
    if (answer.status === 200 && check(answer.body)) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${id} never reached the expected state`);
}

test('the programme starts one run per ready report and shows each verdict in its matrix', async () => {
  const started = await call<Answer>('POST', '/api/v1/kinds/acceptance-programme/processes', {
    token: token('programma-dso'),
    body: {
      programme: 'dso-lv-api',
      provisions: [{ id: 'loket-api' }, { id: 'stam-api', name: 'Standaard STAM' }],
      phase1Due: '2030-07-01',
      phase2Due: '2031-01-01',
      agreementDue: '2030-07-01',
      extensionProtocolDue: '2031-10-01',
    },
  });
  expect(started.status).toBe(201);
  expect(started.body.id).toBe('acceptance-programme:dso-lv-api');
  expect(started.body.allowedEvents).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        type: 'READY_REPORT',
        role: 'programme',
        options: [{ provision: 'loket-api' }, { provision: 'stam-api' }],
      }),
    ]),
  );

  const reported = await call<Answer>(
    'POST',
    '/api/v1/kinds/acceptance-programme/processes/dso-lv-api/events',
    { token: token('programma-dso'), body: { type: 'READY_REPORT', provision: 'loket-api' } },
  );
  expect(reported.status).toBe(200);
  // The provision's own run exists and takes events from its own operators.
  await viewUntil('acceptance:loket-api', () => true);
  const advice = await call<Answer>('POST', '/api/v1/kinds/acceptance/processes/loket-api/events', {
    token: token('tbo'),
    body: { type: 'CRITERIA_ADVICE', advice: 'Let op de koppelvlakken' },
  });
  expect(advice.status).toBe(200);
  const view = await viewUntil('acceptance-programme:dso-lv-api', (v) =>
    (rowsOf(v)[0]?.summary ?? '').includes('criteria'),
  );
  expect(rowsOf(view).map((r) => [r.provision, r.status])).toEqual([
    ['loket-api', 'phase1'],
    ['stam-api', 'notReported'],
  ]);
  expect(rowsOf(view)[0]?.phase1.technicalFunctional).toEqual({ ogb: null, tbo: null });
  expect(view.summary).toContain('1 van 2 gereed gemeld');

  // Phase 2 cannot be started by anyone through the API: the programme alone opens it.
  const early = await call<Answer>('POST', '/api/v1/kinds/acceptance/processes/loket-api/events', {
    token: token('ogb-rijk'),
    body: { type: 'PHASE2_OPENED', programme: 'dso-lv-api' },
  });
  expect(early.status).toBe(400);
  const whole = await call<Answer>(
    'POST',
    '/api/v1/kinds/acceptance-programme/processes/dso-lv-api/events',
    { token: token('ogb-rijk'), body: { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' } },
  );
  expect(whole.status).toBe(409);
});

test('a programme listing a provision twice is refused with 400 naming the field', async () => {
  const refused = await call<Answer>('POST', '/api/v1/kinds/acceptance-programme/processes', {
    token: token('programma-dso'),
    body: { programme: 'dubbel', provisions: [{ id: 'loket' }, { id: 'loket' }] },
  });
  expect(refused.status).toBe(400);
  expect(JSON.stringify(refused.body)).toContain('provisions');
  const gone = await call('GET', '/api/v1/processes/acceptance-programme:dubbel', {
    token: token('tbo'),
  });
  expect(gone.status).toBe(404);
});
