/**
 * The product on a real Temporal cluster: the Temporal Server on PostgreSQL with advanced
 * visibility (scripts/temporal-cluster.mjs), the API and two workers as processes of their own.
 * Operators drive acceptance runs, a decision and a P&C cycle through the HTTP API; one worker is
 * SIGKILLed mid-run and the other finishes every run, each event applied once; then the Temporal
 * Server itself is killed and started again, and nothing is lost.
 */
import { Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessView } from '../../workflows/contract';
import { acceptanceScript, killHard, scriptedOperatorEvents } from '../helpers/crash-runs';
import { ClusterRig, type ComponentProcess } from '../helpers/cluster';
import { until } from '../helpers/until';

const provisions = ['a', 'b', 'c', 'd'].map((suffix) => `cluster-${suffix}`);
/** Who sends each step of the acceptance script through the API. */
const senders: Record<string, string> = { tbo: 'tbo', ogb: 'ogb-rijk' };

let rig: ClusterRig;
let baseUrl: string;
let workers: ComponentProcess[];

beforeAll(async () => {
  rig = await ClusterRig.start();
  baseUrl = await rig.startApi();
  workers = [rig.startComponent('worker'), rig.startComponent('worker')];
  await Promise.all(workers.map((worker) => worker.ready));
}, 240_000);
afterAll(() => rig.stop());

interface Answer {
  status: number;
  body: ProcessView & { processes?: { id: string }[] };
}

/**
 * One HTTP request, asked again under the same Idempotency-Key while the cluster cannot answer
 * (5xx, or the connection refused): what an operator's client does, and applied once.
 */
async function call(
  method: string,
  path: string,
  actorId: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const headers: Record<string, string> = { authorization: `Bearer ${rig.tokens[actorId]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status < 500 || attempt >= 60) {
        return { status: response.status, body: (text ? JSON.parse(text) : {}) as Answer['body'] };
      }
    } catch (error) {
      if (attempt >= 60) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const eventsPath = (id: string) => {
  const [kind, key] = id.split(':');
  return `/api/v1/kinds/${kind}/processes/${key}/events`;
};

/** Steps [from, to) of the acceptance script for every run, the runs side by side. */
async function drive(from: number, to: number): Promise<void> {
  await Promise.all(
    provisions.map(async (provision) => {
      for (let step = from; step < to; step++) {
        const entry = acceptanceScript[step];
        if (!entry) continue;
        const sender = senders[entry.actor.role] ?? 'tbo';
        const answer = await call(
          'POST',
          eventsPath(`acceptance:${provision}`),
          sender,
          entry.event,
          `${provision}-${step}`,
        );
        expect([answer.status, provision, step]).toEqual([200, provision, step]);
      }
    }),
  );
}

/** Real time: the cluster does not skip; the deadline is 40 s after the runs started. */
async function overdueView(id: string): Promise<ProcessView> {
  for (let attempt = 1; ; attempt++) {
    const view = await viewOf(id);
    if (view.overdue || attempt >= 240) return view;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const operatorEvents = (view: ProcessView) =>
  view.history.filter((entry) => entry.actor.role !== 'system').map((entry) => entry.event.type);

async function viewOf(id: string): Promise<ProcessView> {
  const answer = await call('GET', `/api/v1/processes/${id}`, 'sbo');
  expect([id, answer.status, answer.status === 200 ? '' : JSON.stringify(answer.body)]).toEqual([
    id,
    200,
    '',
  ]);
  return answer.body;
}

/** Set when the runs start: 40 s is past the restart of test 2 on this machine (15 s + 5 s). */
let phase1Due = '';

test('acceptance, a decision and a P&C cycle through the API; a worker SIGKILLed mid-run, the other finishes every run, each event applied once', async () => {
  phase1Due = new Date(Date.now() + 40_000).toISOString();
  for (const provision of provisions) {
    const started = await call(
      'POST',
      '/api/v1/kinds/acceptance/processes',
      'programma-dso',
      // The phase-1 deadline falls due after the server's restart (test 2): its timer must fire.
      { provision, phase1Due, phase2Due: '2040-01-01', agreementDue: '2040-01-01' },
      `start-${provision}`,
    );
    expect(started.status).toBe(201);
  }
  const decision = await call('POST', '/api/v1/kinds/decision/processes', 'sbo', {
    decisionKey: 'cluster-besluit',
    body: 'bo',
    subject: 'Plan Uitbouw DSO-LV',
    proposal: 'Vaststellen Plan Uitbouw',
    meetingDate: '2030-03-01',
  });
  expect(decision.status).toBe(201);
  const cycle = await call('POST', '/api/v1/kinds/pc-cycle/processes', 'sbo', {
    year: 2031,
    indices: [{ year: 2031, wageIndexBp: 300, priceIndexBp: 200, wageWeightBp: 7000 }],
  });
  expect(cycle.status).toBe(201);

  await drive(0, 3);
  // One worker is killed while events are in flight; the other takes over its runs.
  const inFlight = drive(3, acceptanceScript.length);
  const position = call(
    'POST',
    eventsPath('decision:cluster-besluit'),
    'bo-vng',
    { type: 'POSITION', position: 'agree' },
    'position-vng',
  );
  const submitted = call(
    'POST',
    eventsPath('pc-cycle:2031'),
    'sbo',
    { type: 'SUBMIT_DOCUMENT', document: 'sboAccounts', summary: 'Jaarrekening 2030' },
    'accounts-2030',
  );
  await new Promise((resolve) => setTimeout(resolve, 150));
  const [killed] = workers;
  if (!killed) throw new Error('no worker');
  expect(await killHard(killed.child)).toBe('SIGKILL');
  await inFlight;
  expect((await position).status).toBe(200);
  expect((await submitted).status).toBe(200);
  // The same steps again under the same keys: answered, not applied a second time.
  await drive(3, acceptanceScript.length);

  for (const provision of provisions) {
    expect(operatorEvents(await viewOf(`acceptance:${provision}`))).toEqual(scriptedOperatorEvents);
  }
  const decisionView = await viewOf('decision:cluster-besluit');
  expect(operatorEvents(decisionView)).toEqual(['START', 'POSITION']);
  const cycleView = await viewOf('pc-cycle:2031');
  expect(operatorEvents(cycleView)).toEqual(['START', 'SUBMIT_DOCUMENT']);
  expect(cycleView.state).toContain('sboAccounts.submitted');
}, 300_000);

test('the Temporal Server SIGKILLed and started again: every run, event and listing entry is still there', async () => {
  const ids = [
    ...provisions.map((provision) => `acceptance:${provision}`),
    'decision:cluster-besluit',
    'pc-cycle:2031',
  ];
  const before = await Promise.all(ids.map(viewOf));
  await rig.crashAndRestartServer();
  const after = await Promise.all(ids.map(viewOf));
  // (A deadline may fall due meanwhile: its system entry is not what is compared.)
  expect(after.map((view) => [view.id, operatorEvents(view)])).toEqual(
    before.map((view) => [view.id, operatorEvents(view)]),
  );
  // Advanced visibility on PostgreSQL lists them all, and the runs take new events.
  const listing = await until(
    () => call('GET', '/api/v1/processes?pageSize=100', 'sbo'),
    (answer) => ids.every((id) => answer.body.processes?.some((item) => item.id === id)),
  );
  expect({
    status: listing.status,
    ids: listing.body.processes?.map((item) => item.id) ?? JSON.stringify(listing.body),
  }).toEqual({ status: 200, ids: expect.arrayContaining(ids) });
  const later = await call(
    'POST',
    eventsPath('decision:cluster-besluit'),
    'bo-ipo',
    { type: 'POSITION', position: 'agree' },
    'position-ipo',
  );
  expect(later.status).toBe(200);
  expect(operatorEvents(await viewOf('decision:cluster-besluit'))).toEqual([
    'START',
    'POSITION',
    'POSITION',
  ]);
  // The deadline timers, armed before the crash, fire once on the restarted server.
  for (const provision of provisions) {
    const overdue = await overdueView(`acceptance:${provision}`);
    expect(overdue.deadlines.find((deadline) => deadline.id === 'phase1')?.status).toBe('overdue');
    expect(overdue.history.filter((entry) => entry.event.type === 'DEADLINE_PASSED')).toHaveLength(
      1,
    );
  }
}, 300_000);

test('the cluster runs the Temporal Server that docker-compose.yml deploys', async () => {
  const root = join(__dirname, '..', '..');
  const goMod = readFileSync(join(root, 'scripts', 'temporal-server', 'go.mod'), 'utf8');
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const pinned = /go\.temporal\.io\/server v(\S+)/.exec(goMod)?.[1];
  const deployed = /temporalio\/auto-setup:(\S+)/.exec(compose)?.[1];
  const connection = await Connection.connect({ address: rig.address });
  try {
    const { serverVersion } = await connection.workflowService.getSystemInfo({});
    expect({ pinned, deployed, running: serverVersion }).toEqual({
      pinned: '1.29.1',
      deployed: '1.29.1',
      running: '1.29.1',
    });
  } finally {
    await connection.close();
  }
});
