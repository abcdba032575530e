/**
 * What a run's history holds, by event type: count and bytes (each event's protobuf encoding),
 * for one host and one plain acceptance through the transfer, and for `count` criteria advices
 * to one run, split into the first and the last `window` updates. Says what (f) is made of.
 *
 *   npx tsx scripts/bench/history-breakdown.ts [count] [window]
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { eventUpdate } from '../../workflows/contract';
import { chainOf, eventBytes } from './history-size';
import { acceptanceRun } from './measures';
import { HOST_QUEUE, startBenchStack } from './stack';

const { EventType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Tally = Map<string, { count: number; bytes: number }>;

const typeName = (event: HistoryEvent) =>
  (EventType[event.eventType ?? 0] ?? 'unknown').replace('EVENT_TYPE_', '');

function tally(events: HistoryEvent[]): Tally {
  const table: Tally = new Map();
  for (const event of events) {
    const row = table.get(typeName(event)) ?? { count: 0, bytes: 0 };
    row.count += 1;
    row.bytes += eventBytes(event);
    table.set(typeName(event), row);
  }
  return table;
}

function print(title: string, table: Tally): void {
  const total = [...table.values()].reduce((sum, row) => sum + row.bytes, 0);
  console.log(`\n${title}: ${total} bytes`);
  for (const [type, row] of [...table].sort((a, b) => b[1].bytes - a[1].bytes)) {
    const share = ((row.bytes / total) * 100).toFixed(1);
    console.log(
      `  ${type.padEnd(44)} ${String(row.count).padStart(5)} × ${String(Math.round(row.bytes / row.count)).padStart(6)} B = ${String(row.bytes).padStart(8)} B (${share} %)`,
    );
  }
}

/** The events of the whole chain split at each accepted Update, as (f) counts them. */
function segments(runs: HistoryEvent[][]): HistoryEvent[][] {
  const out: HistoryEvent[][] = [];
  for (const events of runs) {
    for (const event of events) {
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) out.push([]);
      out[out.length - 1]?.push(event);
    }
  }
  return out;
}

async function longRun(client: Client, count: number): Promise<WorkflowHandle> {
  const provision = `breakdown-${process.pid}`;
  const handle = await client.workflow.start('acceptance', {
    taskQueue: HOST_QUEUE,
    workflowId: `acceptance:${provision}`,
    args: [{ input: { provision }, startedBy: { id: 'programma-dso', role: 'programme' } }],
  });
  const event = { type: 'CRITERIA_ADVICE', advice: 'Nog een advies over de koppelvlakken' };
  const actor = { id: 'tbo', role: 'tbo' };
  for (let i = 0; i < count; i++)
    await handle.executeUpdate(eventUpdate, { args: [{ event, actor } as never] });
  return handle;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const count = Number(process.argv[2] ?? 300);
  const window = Number(process.argv[3] ?? 50);
  const stack = await startBenchStack();
  try {
    for (const via of ['host', 'plain'] as const) {
      const id = await acceptanceRun(stack.client, via);
      const runs = await chainOf(stack.client.workflow.getHandle(id));
      print(`${via} acceptance through the transfer (${runs.length} run)`, tally(runs.flat()));
    }
    const handle = await longRun(stack.client, count);
    const runs = await chainOf(handle);
    print(`${count} events to one run, all ${runs.length} runs`, tally(runs.flat()));
    runs.forEach((events, index) => {
      const started = events[0]?.workflowExecutionStartedEventAttributes;
      const input = started?.input?.payloads?.[0]?.data?.length ?? 0;
      console.log(`  run ${index + 1}: ${events.length} events, start input ${input} B`);
    });
    const parts = segments(runs);
    // Which updates upserted search attributes, and what: nothing but a change should.
    parts.forEach((part, index) => {
      for (const event of part) {
        const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes;
        if (!fields?.indexedFields) continue;
        const values = Object.entries(fields.indexedFields).map(
          ([key, payload]) => `${key}=${Buffer.from(payload.data ?? []).toString()}`,
        );
        console.log(`  upsert after update ${index + 1}: ${values.join(' ')}`);
      }
    });
    print(`first ${window} updates`, tally(parts.slice(0, window).flat()));
    print(
      `last ${window} updates (the very last left out)`,
      tally(parts.slice(-window - 1, -1).flat()),
    );
    await handle.terminate('breakdown done');
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
