/**
 * Who may read what, through the API on the embedded dev server: the developer reads the
 * provisions it builds, not the governments' P&C cycle or escalations, in the view, the listing
 * (every page full) and the calendar feed; the SBO reads everything.
 */
import { apiClient, startApiStack, type ApiStack, type ProblemAnswer } from '../helpers/api-stack';
import { until } from '../helpers/until';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => {
  const value = stack.tokens[actorId];
  if (!value) throw new Error(`no token for ${actorId}`);
  return value;
};

const acceptanceIds = ['acceptance:lezen-a', 'acceptance:lezen-b', 'acceptance:lezen-c'];
const hiddenIds = ['pc-cycle:2033', 'escalation:lezen-geschil', 'decision:lezen-besluit'];

beforeAll(async () => {
  stack = await startApiStack('read-access-api');
  call = apiClient(stack);
  const started = await Promise.all([
    ...acceptanceIds.map((id) =>
      call('POST', '/api/v1/kinds/acceptance/processes', {
        token: token('programma-dso'),
        body: {
          provision: id.slice('acceptance:'.length),
          phase1Due: '2033-07-01',
          agreementDue: '2033-09-01',
        },
      }),
    ),
    call('POST', '/api/v1/kinds/pc-cycle/processes', {
      token: token('sbo'),
      body: {
        year: 2033,
        indices: [{ year: 2033, wageIndexBp: 300, priceIndexBp: 200, wageWeightBp: 7000 }],
      },
    }),
    call('POST', '/api/v1/kinds/escalation/processes', {
      token: token('ogb-vng'),
      body: {
        disputeKey: 'lezen-geschil',
        subject: 'Uitleg beheerovereenkomst',
        description: 'Verschil van inzicht',
        origin: 'sbo-ogb',
      },
    }),
    call('POST', '/api/v1/kinds/decision/processes', {
      token: token('sbo'),
      body: {
        decisionKey: 'lezen-besluit',
        body: 'ogb',
        subject: 'Begroting',
        proposal: 'Vaststellen begroting',
        meetingDate: '2033-03-01',
      },
    }),
  ]);
  for (const answer of started) expect(answer.status).toBe(201);
});

afterAll(async () => {
  await stack.stop();
});

interface Page {
  processes: { id: string; kind: string }[];
  nextPageToken: string | null;
}

/** Every page of a listing, one process a page. */
async function allPages(actorId: string, query = ''): Promise<Page[]> {
  const pages: Page[] = [];
  let pageToken: string | null = null;
  do {
    const tokenPart: string =
      pageToken === null ? '' : `&pageToken=${encodeURIComponent(pageToken)}`;
    const answer = await call<Page>('GET', `/api/v1/processes?pageSize=1${query}${tokenPart}`, {
      token: token(actorId),
    });
    expect(answer.status).toBe(200);
    pages.push(answer.body);
    pageToken = answer.body.nextPageToken;
  } while (pageToken !== null && pages.length < 20);
  return pages;
}

const listedIds = (pages: Page[]) => pages.flatMap((page) => page.processes.map((p) => p.id));

test('the developer may not read a P&C cycle or an escalation; it reads an acceptance run', async () => {
  for (const id of hiddenIds) {
    const refused = await call<ProblemAnswer>('GET', `/api/v1/processes/${id}`, {
      token: token('ontwikkelpartij'),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('not_readable');
    expect(refused.body.type).toBe('urn:dso-lv:problem:not-readable');
    expect(refused.body.title).toBe('Niet leesbaar voor deze rol');
    expect(refused.body.detail).toMatch(
      /^developer may not read .+ \(niet leesbaar voor deze rol\)$/,
    );
  }
  // The answer does not depend on whether the run exists: the id alone decides.
  const absent = await call<ProblemAnswer>('GET', '/api/v1/processes/pc-cycle:2099', {
    token: token('ontwikkelpartij'),
  });
  expect(absent.status).toBe(403);
  expect(absent.body.code).toBe('not_readable');

  const own = await call('GET', `/api/v1/processes/${acceptanceIds[0] ?? ''}`, {
    token: token('ontwikkelpartij'),
  });
  expect(own.status).toBe(200);
});

test('the SBO reads every kind', async () => {
  for (const id of [...hiddenIds, ...acceptanceIds]) {
    const view = await call<{ id: string }>('GET', `/api/v1/processes/${id}`, {
      token: token('sbo'),
    });
    expect(view.status).toBe(200);
    expect(view.body.id).toBe(id);
  }
  const pages = await until(
    () => allPages('sbo', '&status=running'),
    (answer) => listedIds(answer).length === acceptanceIds.length + hiddenIds.length,
  );
  expect(listedIds(pages).sort()).toEqual([...acceptanceIds, ...hiddenIds].sort());
});

test('the listing leaves unreadable kinds out in the query itself: every page is full', async () => {
  const pages = await until(
    () => allPages('ontwikkelpartij'),
    (answer) => listedIds(answer).length === acceptanceIds.length,
  );
  expect(listedIds(pages).sort()).toEqual([...acceptanceIds].sort());
  // Only the last page may come back short; a filter after paging would leave holes earlier.
  for (const page of pages.slice(0, -1)) expect(page.processes).toHaveLength(1);
  // Asking for an unreadable kind by name finds nothing rather than leaking it.
  const asked = await call<Page>('GET', '/api/v1/processes?kind=pc-cycle', {
    token: token('ontwikkelpartij'),
  });
  expect(asked.status).toBe(200);
  expect(asked.body.processes).toEqual([]);
});

test('a deadline of a run one may not read cannot be moved: the TBO and an OGB decision', async () => {
  const suspend = (actorId: string) =>
    call<ProblemAnswer>(
      'POST',
      '/api/v1/kinds/decision/processes/lezen-besluit/deadlines/meeting/suspend',
      { token: token(actorId), body: { reason: 'Vergadering verzet' } },
    );
  const refused = await suspend('tbo');
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe('not_readable');
  expect((await suspend('sbo')).status).toBe(200);
});

test('the calendar feed holds only the kinds the caller may read', async () => {
  const feed = async (actorId: string) => {
    const response = await fetch(
      `${stack.baseUrl}/api/v1/deadlines/calendar.ics?token=${token(actorId)}`,
    );
    expect(response.status).toBe(200);
    return response.text();
  };
  const sbo = await until(
    () => feed('sbo'),
    (text) => text.includes('UID:pc-cycle:2033/') && text.includes('UID:acceptance:lezen-c/'),
  );
  expect(sbo).toContain('UID:pc-cycle:2033/');
  const developer = await feed('ontwikkelpartij');
  expect(developer).toContain('UID:acceptance:lezen-a/');
  expect(developer).not.toContain('pc-cycle:2033');
  expect(developer).not.toContain('escalation:');
});
