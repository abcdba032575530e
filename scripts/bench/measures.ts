/** The five measurements; each returns the two numbers its ratio is made of. */
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { eventUpdate } from '../../workflows/contract';
import { HOST_QUEUE, PLAIN_QUEUE } from './stack';

type Actor = { id: string; role: string; party?: string };
const tbo: Actor = { id: 'tbo', role: 'tbo' };
const ogb: Actor = { id: 'ogb-rijk', role: 'ogb', party: 'rijk' };
const programme: Actor = { id: 'programma-dso', role: 'programme' };
const assessments = ['technicalFunctional', 'readyForUse', 'transferProcess', 'operatorReady'];

/** The acceptance up to the transfer: 13 operator events. */
export const acceptanceEvents: [Record<string, unknown> & { type: string }, Actor][] = [
  [{ type: 'CRITERIA_ADVICE', advice: 'Koppelvlakken' }, tbo],
  [
    {
      type: 'FIX_CRITERIA',
      criteria: Object.fromEntries(assessments.map((a) => [a, `Criteria ${a}`])),
    },
    ogb,
  ],
  ...assessments.flatMap((assessment) =>
    [ogb, tbo].map(
      (actor) =>
        [{ type: 'VERDICT', assessment, outcome: 'positive', findings: '' }, actor] as [
          Record<string, unknown> & { type: string },
          Actor,
        ],
    ),
  ),
  [{ type: 'PROVISIONALLY_ACCEPT', note: '' }, ogb],
  [{ type: 'PROVISIONALLY_ACCEPT', note: '' }, tbo],
  [{ type: 'TRANSFER_COMPLETED', operationalManager: 'Kadaster', note: '' }, tbo],
];

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${process.pid}-${++serial}`;

/** One acceptance through transfer, by the host or by the plain baseline. */
export async function acceptanceRun(client: Client, via: 'host' | 'plain'): Promise<string> {
  const provision = nextId(via);
  const handle =
    via === 'host'
      ? await client.workflow.start('acceptance', {
          taskQueue: HOST_QUEUE,
          workflowId: `acceptance:${provision}`,
          args: [{ input: { provision }, startedBy: programme }],
        })
      : await client.workflow.start('plainAcceptance', {
          taskQueue: PLAIN_QUEUE,
          workflowId: `plain:${provision}`,
        });
  for (const [event, actor] of acceptanceEvents) {
    await handle.executeUpdate(eventUpdate, { args: [{ event, actor } as never] });
  }
  return handle.workflowId;
}

async function trivialRun(client: Client): Promise<void> {
  const handle = await client.workflow.start('trivial', {
    taskQueue: PLAIN_QUEUE,
    workflowId: nextId('trivial'),
    args: [acceptanceEvents.length],
  });
  for (const [event, actor] of acceptanceEvents) {
    await handle.executeUpdate(eventUpdate, { args: [{ event, actor } as never] });
  }
}

const median = (values: number[]) => percentile(values, 50);
const done = () => undefined;
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** (a) Wall and CPU (this process: client and workers) per run, alternating host and plain. */
export async function hostVsPlain(client: Client, runs: number) {
  const samples = {
    host: { wall: [] as number[], cpu: [] as number[] },
    plain: { wall: [] as number[], cpu: [] as number[] },
  };
  for (const via of ['host', 'plain'] as const) await acceptanceRun(client, via);
  for (let i = 0; i < runs; i++) {
    for (const via of i % 2 === 0 ? (['host', 'plain'] as const) : (['plain', 'host'] as const)) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await acceptanceRun(client, via);
      samples[via].wall.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      samples[via].cpu.push((used.user + used.system) / 1000);
    }
  }
  return {
    hostWallMs: median(samples.host.wall),
    plainWallMs: median(samples.plain.wall),
    hostCpuMs: median(samples.host.cpu),
    plainCpuMs: median(samples.plain.cpu),
  };
}

async function throughput(total: number, concurrency: number, run: () => Promise<void>) {
  let started = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started += 1;
        await run();
      }
    }),
  );
  return total / ((performance.now() - begin) / 1000);
}

/** (b) Full acceptance runs per second vs trivial runs with as many updates, same concurrency. */
export async function throughputVsCeiling(client: Client, total: number, concurrency: number) {
  const ceiling = await throughput(total, concurrency, () => trivialRun(client));
  const host = await throughput(total, concurrency, () => acceptanceRun(client, 'host').then(done));
  return { hostRunsPerSecond: host, trivialRunsPerSecond: ceiling };
}

/** (c) One event's round trip through the HTTP API vs a raw client update, interleaved. */
export async function apiVsRaw(client: Client, baseUrl: string, token: string, count: number) {
  const provision = nextId('roundtrip');
  const handle = await client.workflow.start('acceptance', {
    taskQueue: HOST_QUEUE,
    workflowId: `acceptance:${provision}`,
    args: [{ input: { provision }, startedBy: programme }],
  });
  const event = { type: 'CRITERIA_ADVICE', advice: 'Nog een advies' };
  const api: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < count; i++) {
    let started = performance.now();
    const response = await fetch(`${baseUrl}/kinds/acceptance/processes/${provision}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`API answered ${response.status}`);
    api.push(performance.now() - started);
    started = performance.now();
    await handle.executeUpdate(eventUpdate, { args: [{ event, actor: tbo } as never] });
    raw.push(performance.now() - started);
  }
  return {
    apiP50: percentile(api, 50),
    apiP99: percentile(api, 99),
    rawP50: percentile(raw, 50),
    rawP99: percentile(raw, 99),
  };
}

/** (d) Heap growth per cached run: N runs each holding one event's state in the worker cache. */
export async function memoryPerRun(client: Client, worker: Worker, count: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return process.memoryUsage().heapUsed;
  };
  const cachedBefore = worker.getStatus().numCachedWorkflows;
  const before = await settle();
  const [first] = acceptanceEvents;
  if (!first) throw new Error('no events');
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async () => {
        const provision = nextId('memory');
        const handle = await client.workflow.start('acceptance', {
          taskQueue: HOST_QUEUE,
          workflowId: `acceptance:${provision}`,
          args: [{ input: { provision }, startedBy: programme }],
        });
        await handle.executeUpdate(eventUpdate, {
          args: [{ event: first[0], actor: first[1] } as never],
        });
      }),
    );
  }
  const after = await settle();
  const cached = worker.getStatus().numCachedWorkflows - cachedBefore;
  return { bytesPerRun: (after - before) / Math.max(1, cached), cached };
}
