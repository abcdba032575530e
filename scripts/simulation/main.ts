/**
 * `npm run simulate [-- --act-date 2022-01-01 --late-provision api-store
 * --failed-consensus reselection --out path.html]`: the arrangement 2019–2028 in workflow time.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseArguments } from './options';
import { runSimulation } from './run';

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  // The SDK's info lines (bundles, worker states) would bury the simulation's progress.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const print = options.quiet ? () => undefined : (line: string) => console.log(line);
  const { summary, outPath, items } = await runSimulation(options, print);
  const counts = Object.entries(summary.counts)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  console.log(
    `simulation done: ${summary.processes} processes, ${items.length} timeline items (${counts}); ` +
      `wall time ${summary.wallSeconds.toFixed(1)} s`,
  );
  console.log(`report: ${outPath}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
