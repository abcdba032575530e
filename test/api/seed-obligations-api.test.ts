/**
 * `npm run obligations:seed` against the product's API on the dev server: every catalogue entry
 * starts once; a second run starts nothing and says so per obligation; a dead API or a wrong
 * token stops it with a clear message.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { obligationCatalogue } from '../../machines/obligation/catalogue';
import type { ProcessView } from '../../workflows/contract';
import { apiClient, freePort, startApiStack, type ApiStack } from '../helpers/api-stack';

const root = join(__dirname, '..', '..');
const keys = obligationCatalogue().map((entry) => entry.obligationKey);

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('seed-obligations-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

/** The test's environment without the seed's own variables, so only what a test gives counts. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !['DSO_API_URL', 'DSO_API_TOKEN', 'ACT_TAKES_EFFECT'].includes(name),
  ),
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  lines: string[];
}

/** Runs the seed command as `npm run obligations:seed` does (tsx), in a process of its own. */
function seed(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/seed-obligations.ts', ...args],
      {
        cwd: root,
        env: { ...inherited, ...env },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, lines: stdout.trim().split('\n') });
      },
    );
  });
}
const lineFor = (run: Run, key: string) =>
  run.lines.find((line) => line.includes(`obligation:${key}`));

test('the first run starts every obligation of the catalogue, the second starts none', async () => {
  // One obligation was started by hand before: the seed leaves it alone.
  const byHand = obligationCatalogue().find((e) => e.obligationKey === 'beheerprotocol');
  expect(
    (
      await call('POST', '/api/v1/kinds/obligation/processes', {
        token: token('sbo'),
        body: byHand,
      })
    ).status,
  ).toBe(201);

  const args = ['--api-url', `${stack.baseUrl}/api/v1`, '--token', token('sbo')];
  const first = await seed(args);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.lines[0]).toBe(
    `Seeding ${keys.length} dated obligations at ${stack.baseUrl}/api/v1`,
  );
  for (const key of keys.filter((k) => k !== 'beheerprotocol')) {
    expect(lineFor(first, key)).toMatch(new RegExp(`^started obligation:${key}: `));
  }
  expect(lineFor(first, 'beheerprotocol')).toBe(
    'exists  obligation:beheerprotocol (already has a run; left alone)',
  );
  expect(first.lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^elsewhere .*acceptatieprotocol.*tracked by acceptance-programme/),
    ]),
  );
  expect(first.lines.at(-1)).toBe(`${keys.length - 1} started, 1 already there, 0 failed`);

  for (const key of keys) {
    const view = await call<ProcessView>('GET', `/api/v1/processes/obligation:${key}`, {
      token: token('tbo'),
    });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ kind: 'obligation', businessKey: key });
  }
  // The BO's decision on the Plan Uitbouw ends that run; a completed run is not started again.
  const delivered = await call<ProcessView>(
    'POST',
    '/api/v1/kinds/obligation/processes/plan-uitbouw/events',
    {
      token: token('bo-vng'),
      body: { type: 'DELIVER', reference: 'Besluit BO 28 februari 2019' },
    },
  );
  expect(delivered.body).toMatchObject({ status: 'completed' });
  // The event's answer is the small result; the output is in the view.
  const ended = await call<ProcessView>('GET', '/api/v1/processes/obligation:plan-uitbouw', {
    token: token('tbo'),
  });
  expect(ended.body).toMatchObject({ status: 'completed', output: { outcome: 'delivered' } });

  const second = await seed(args);
  expect(second.code).toBe(0);
  for (const key of keys) expect(lineFor(second, key)).toMatch(/^exists /);
  expect(lineFor(second, 'plan-uitbouw')).toMatch(/started by an earlier seed\): .*geleverd/);
  expect(second.lines.at(-1)).toBe(`0 started, ${keys.length} already there, 0 failed`);
});

test('an unreachable API, a refused token and a bad date stop the seed with the reason', async () => {
  const nobody = `http://127.0.0.1:${await freePort()}/api/v1`;
  const unreachable = await seed(['--api-url', nobody, '--token', token('sbo')]);
  expect(unreachable.code).toBe(2);
  expect(unreachable.stderr).toMatch(
    new RegExp(`cannot reach the API at ${nobody} \\(.*ECONNREFUSED.*\\): is it running`),
  );

  const refused = await seed(['--api-url', `${stack.baseUrl}/api/v1`], {
    DSO_API_TOKEN: 'not-a-token-of-anyone-at-all',
  });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/the API refused the token \(401 unauthenticated/);

  const tbo = await seed(['--api-url', `${stack.baseUrl}/api/v1`, '--token', token('tbo')]);
  expect(tbo.stderr).toMatch(/the API refused the token \(403 forbidden: tbo may not start/);

  const badDate = await seed(['--act-takes-effect', '2021-02-30', '--token', token('sbo')]);
  expect(badDate.code).toBe(2);
  expect(badDate.stderr).toMatch(/actTakesEffect: no such date/);
});
