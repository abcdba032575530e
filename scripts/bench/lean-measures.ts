/**
 * (f) history per acceptance run, host vs plain, and bytes per event over a long run; (g) a
 * worker's start from the prebuilt bundle vs bundling at start. Only the host's public contract
 * (workflows/contract.ts) is used, so they measure whichever host is built.
 */
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { ensureWorkflowBundle } from '../../server/workflow-bundle';
import { eventUpdate } from '../../workflows/contract';
import { growth, historySize } from './history-size';
import { acceptanceEvents, acceptanceRun } from './measures';
import { HOST_QUEUE } from './stack';

const tbo = { id: 'tbo', role: 'tbo' };
const programme = { id: 'programma-dso', role: 'programme' };
let serial = 0;

/** (f) One acceptance through the transfer: its history in bytes and events, host and plain. */
export async function historyPerRun(client: Client) {
  const size = async (via: 'host' | 'plain') =>
    historySize(client.workflow.getHandle(await acceptanceRun(client, via)));
  const host = await size('host');
  const plain = await size('plain');
  return { host, plain };
}

async function startAcceptance(client: Client, taskQueue: string) {
  const provision = `lean-${process.pid}-${++serial}`;
  return client.workflow.start('acceptance', {
    taskQueue,
    workflowId: `acceptance:${provision}`,
    args: [{ input: { provision }, startedBy: programme }],
  });
}

/** (f) `count` events to one run (a criteria advice, accepted again and again): bytes per event. */
export async function bytesPerEvent(client: Client, count: number, window: number) {
  const handle = await startAcceptance(client, HOST_QUEUE);
  const event = { type: 'CRITERIA_ADVICE', advice: 'Nog een advies over de koppelvlakken' };
  for (let i = 0; i < count; i++)
    await handle.executeUpdate(eventUpdate, { args: [{ event, actor: tbo } as never] });
  const size = await historySize(handle);
  await handle.terminate('benchmark done');
  return { ...growth(size, window), size };
}

/**
 * (g) From "create the worker" to the first event of a new run answered, on a queue of its own:
 * the prebuilt bundle (as `npm run build` leaves it) vs the SDK bundling the workflows at start.
 */
async function startOnce(connection: NativeConnection, client: Client, prebuilt: boolean) {
  const taskQueue = `bench-start-${process.pid}-${++serial}`;
  const codePath = prebuilt ? (await ensureWorkflowBundle()).codePath : undefined;
  const started = performance.now();
  const worker = await Worker.create({
    connection,
    taskQueue,
    ...(codePath
      ? { workflowBundle: { codePath } }
      : { workflowsPath: require.resolve('../../workflows') }),
  });
  const run = worker.run();
  const [first] = acceptanceEvents;
  if (!first) throw new Error('no events');
  const handle = await startAcceptance(client, taskQueue);
  await handle.executeUpdate(eventUpdate, {
    args: [{ event: first[0], actor: first[1] } as never],
  });
  const ms = performance.now() - started;
  await handle.terminate('benchmark done');
  worker.shutdown();
  await run;
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

export async function workerStart(connection: NativeConnection, client: Client, runs: number) {
  const prebuilt: number[] = [];
  const bundling: number[] = [];
  for (let i = 0; i < runs; i++) {
    prebuilt.push(await startOnce(connection, client, true));
    bundling.push(await startOnce(connection, client, false));
  }
  return { prebuiltMs: median(prebuilt), bundlingMs: median(bundling) };
}
