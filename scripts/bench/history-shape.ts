/**
 * What one acceptance run costs the server, host vs plain: its history's events by type. Run with
 * `node --cpu-prof --import tsx scripts/bench/history-shape.ts` to profile the worker as well.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { acceptanceRun } from './measures';
import { startBenchStack } from './stack';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const stack = await startBenchStack();
  try {
    for (const via of ['host', 'plain'] as const) {
      const id = await acceptanceRun(stack.client, via);
      for (let i = 0; i < 10; i++) await acceptanceRun(stack.client, via);
      const history = await stack.client.workflow.getHandle(id).fetchHistory();
      const counts = new Map<string, number>();
      for (const event of history.events ?? []) {
        const type = String(event.eventType ?? 'unknown');
        counts.set(type, (counts.get(type) ?? 0) + 1);
      }
      console.log(
        `${via}: ${history.events?.length ?? 0} history events`,
        Object.fromEntries(counts),
      );
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
