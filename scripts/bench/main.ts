/**
 * `npm run bench`: each result a ratio of two numbers measured in this run on this machine (see
 * docs/BENCHMARKS.md). Prints a markdown table to paste into that file.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { simulationOptionsSchema } from '../simulation/options';
import { runSimulation } from '../simulation/run';
import { apiVsRaw, hostVsPlain, memoryPerRun, throughputVsCeiling } from './measures';
import { startBenchStack } from './stack';

interface Row {
  name: string;
  measured: string;
  ratio: number;
  target: string;
  met: boolean;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const quick = process.argv.includes('--quick');
  const rows: Row[] = [];
  const log = (line: string) => console.error(line);
  const stack = await startBenchStack();
  try {
    log('(a) host vs plain workflow …');
    const a = await hostVsPlain(stack.client, quick ? 3 : 10);
    const wall = a.hostWallMs / a.plainWallMs;
    const cpu = a.hostCpuMs / a.plainCpuMs;
    rows.push(
      {
        name: '(a) acceptance via host vs plain workflow, wall per run',
        measured: `${fmt(a.hostWallMs)} ms vs ${fmt(a.plainWallMs)} ms`,
        ratio: wall,
        target: '≤ 1.10×',
        met: wall <= 1.1,
      },
      {
        name: '(a) same, CPU per run (client + workers)',
        measured: `${fmt(a.hostCpuMs)} ms vs ${fmt(a.plainCpuMs)} ms`,
        ratio: cpu,
        target: '≤ 1.10×',
        met: cpu <= 1.1,
      },
    );
    log('(b) throughput vs trivial ceiling …');
    const b = await throughputVsCeiling(stack.client, quick ? 8 : 40, 8);
    const tp = b.hostRunsPerSecond / b.trivialRunsPerSecond;
    rows.push({
      name: '(b) acceptance runs/s vs trivial workflow runs/s (13 updates each, 8 concurrent)',
      measured: `${fmt(b.hostRunsPerSecond, 2)} vs ${fmt(b.trivialRunsPerSecond, 2)}`,
      ratio: tp,
      target: '≥ 0.9×',
      met: tp >= 0.9,
    });
    log('(c) API round trip vs raw update …');
    const token = stack.tokens.tbo;
    if (!token) throw new Error('no tbo token');
    const c = await apiVsRaw(stack.client, stack.baseUrl, token, quick ? 20 : 100);
    const p50 = c.apiP50 / c.rawP50;
    rows.push(
      {
        name: '(c) event round trip, HTTP API vs client executeUpdate, p50',
        measured: `${fmt(c.apiP50)} ms vs ${fmt(c.rawP50)} ms`,
        ratio: p50,
        target: '≤ 1.2×',
        met: p50 <= 1.2,
      },
      {
        name: '(c) same, p99',
        measured: `${fmt(c.apiP99)} ms vs ${fmt(c.rawP99)} ms`,
        ratio: c.apiP99 / c.rawP99,
        target: '—',
        met: true,
      },
    );
    log('(d) worker memory per cached run …');
    const d = await memoryPerRun(stack.client, stack.hostWorker, quick ? 50 : 200);
    const mb = d.bytesPerRun / 1024 / 1024;
    rows.push({
      name: `(d) worker heap per cached run (${d.cached} runs cached)`,
      measured: `${fmt(d.bytesPerRun / 1024)} KiB`,
      ratio: mb,
      target: '≤ 1 MB',
      met: mb <= 1,
    });
  } finally {
    await stack.stop();
  }
  log('(e) simulation 2019–2028 …');
  try {
    const e = await runSimulation(
      simulationOptionsSchema.parse({ out: join(tmpdir(), 'bench-simulation.html'), quiet: true }),
    );
    const seconds = e.summary.wallSeconds;
    rows.push({
      name: '(e) simulation 2019–2028 wall time vs 30 s',
      measured: `${fmt(seconds)} s`,
      ratio: seconds / 30,
      target: '≤ 1.0× (30 s)',
      met: seconds <= 30,
    });
  } catch (error) {
    // The other results still count; say why this one is missing.
    process.exitCode = 1;
    log(`(e) failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(
    `\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString()}\n`,
  );
  console.log('| measurement | measured | ratio | target | met |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.measured} | ${row.ratio.toFixed(2)} | ${row.target} | ${row.met ? 'yes' : 'no'} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
