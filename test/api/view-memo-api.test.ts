/**
 * The inbox and the calendar feed answer from the runs' `dsoView` memos (issue 17), not from one
 * view query per run: each run carries the memo in visibility, sealed by the payload codec and
 * opened by the API, and it says what the run's view says.
 */
import { entryOfView } from '../../server/calendar';
import { eventsFor } from '../../server/inbox';
import { projectedRuns } from '../../server/run-projection';
import type { ProcessView } from '../../workflows/contract';
import { adviceEvent } from '../helpers/acceptance-script';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? '';

beforeAll(async () => {
  stack = await startApiStack('view-memo-api');
  call = apiClient(stack);
  const started = await Promise.all([
    call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: {
        provision: 'memo-loket',
        phase1Due: '2027-07-01',
        phase2Due: '2028-01-01',
        agreementDue: '2027-07-01',
      },
    }),
    call('POST', '/api/v1/kinds/escalation/processes', {
      token: token('sbo'),
      body: {
        disputeKey: 'memo-geschil',
        subject: 'Budget',
        description: 'Uitleg',
        origin: 'sbo-tbo',
      },
    }),
    call('POST', '/api/v1/kinds/obligation/processes', {
      token: token('sbo'),
      body: {
        obligationKey: 'memo-evaluatie',
        title: 'Evaluatie beheerarrangement',
        source: 'Beheerarrangement §9',
        owner: { role: 'sbo' },
        recipient: { role: 'bo' },
        due: '2030-03-01',
      },
    }),
  ]);
  expect(started.map((answer) => answer.status)).toEqual([201, 201, 201]);
  const advised = await call('POST', '/api/v1/kinds/acceptance/processes/memo-loket/events', {
    token: token('tbo'),
    body: adviceEvent,
  });
  expect(advised.status).toBe(200);
});

afterAll(async () => {
  await stack.stop();
});

const ids = ['acceptance:memo-loket', 'escalation:memo-geschil', 'obligation:memo-evaluatie'];

async function views(): Promise<ProcessView[]> {
  return Promise.all(
    ids.map(async (id) => {
      const answer = await call<ProcessView>('GET', `/api/v1/processes/${id}`, {
        token: token('sbo'),
      });
      return answer.body;
    }),
  );
}

/** What the memo and the view each say, in the memo's terms. */
const shown = (
  memo: Omit<ReturnType<typeof entryOfView>, 'updatedAt'> & { stateLabels: string[] },
) => ({
  id: memo.id,
  title: memo.title,
  summary: memo.summary,
  stateLabels: memo.stateLabels,
  allowedEvents: memo.allowedEvents,
  deadlines: memo.deadlines,
});

test('every run carries a memo in visibility that says what its view says', async () => {
  const expected = (await views()).map((view) =>
    shown({ ...entryOfView(view), stateLabels: view.stateLabels }),
  );
  // Visibility trails the run a little: asked again until it has caught up.
  let actual: ReturnType<typeof shown>[] = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const runs = await projectedRuns(stack.client, 'DsoKind IS NOT NULL');
    actual = ids.map((id) => {
      const run = runs.find((r) => r.summary.id === id);
      return shown({
        id,
        businessKey: run?.summary.businessKey ?? '',
        title: run?.memo?.title ?? '',
        summary: run?.memo?.summary ?? '',
        stateLabels: run?.memo?.stateLabels ?? [],
        allowedEvents: run?.memo?.allowedEvents ?? [],
        deadlines: run?.memo?.deadlines ?? [],
      });
    });
    if (JSON.stringify(actual) === JSON.stringify(expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(actual).toEqual(expected);
  // The acceptance's criteria advice shows: the memo followed the event.
  expect(actual[0]?.allowedEvents.map((event) => event.type)).toContain('FIX_CRITERIA');
});

test("the inbox built from memos holds what each run's view offers the caller", async () => {
  const sbo = { id: 'sbo', role: 'sbo' as const };
  const offered = (await views())
    .map((view) => ({ id: view.id, events: eventsFor(view, sbo).map((event) => event.type) }))
    .filter((entry) => entry.events.length > 0);
  expect(offered.length).toBeGreaterThan(0);
  const inbox = await call<{ items: { id: string; allowedEvents: { type: string }[] }[] }>(
    'GET',
    '/api/v1/inbox',
    { token: token('sbo') },
  );
  expect(
    inbox.body.items.map((item) => ({
      id: item.id,
      events: item.allowedEvents.map((event) => event.type),
    })),
  ).toEqual(expect.arrayContaining(offered));
  expect(inbox.body.items).toHaveLength(offered.length);
});
