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
import { largestHistories, TEMPORAL_LIMITS } from './history-size';
import { bytesPerEvent, historyPerRun, workerStart } from './lean-measures';
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
const kib = (bytes: number) => `${fmt(bytes / 1024)} KiB`;
const percent = (share: number) => `${fmt(share * 100, 2)} %`;

/** (h) The largest history of the ten simulated years as a share of Temporal's limits. */
function historyRows(h: Awaited<ReturnType<typeof largestHistories>>): Row[] {
  const share = (value: number, limit: number, what: string, id: string): Row => ({
    name: `(h) 2019–2028 (P&C + re-selection, ${h.runs} workflows): largest ${what} (${id})`,
    measured: `${what === 'history, events' ? value : kib(value)} = ${percent(value / limit)} of the limit`,
    ratio: value / limit,
    target: '≤ 0.10',
    met: value / limit <= 0.1,
  });
  return [
    share(h.byBytes.largestRunBytes, TEMPORAL_LIMITS.historyBytes, 'history, bytes', h.byBytes.id),
    share(
      h.byEvents.largestRunEvents,
      TEMPORAL_LIMITS.historyEvents,
      'history, events',
      h.byEvents.id,
    ),
    share(
      h.byPayload.largestPayloadBytes,
      TEMPORAL_LIMITS.payloadBytes,
      'payload',
      `${h.byPayload.id}, in ${h.byPayload.largestPayloadIn}`,
    ),
  ];
}

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
        target: '≤ 1.15×',
        met: wall <= 1.15,
      },
      {
        name: '(a) same, CPU per run (client + workers)',
        measured: `${fmt(a.hostCpuMs)} ms vs ${fmt(a.plainCpuMs)} ms`,
        ratio: cpu,
        target: '≤ 1.15×',
        met: cpu <= 1.15,
      },
    );
    log('(b) throughput vs trivial ceiling …');
    const b = await throughputVsCeiling(stack.client, quick ? 8 : 40, 8);
    const tp = b.hostRunsPerSecond / b.trivialRunsPerSecond;
    rows.push({
      name: '(b) acceptance runs/s vs trivial workflow runs/s (13 updates each, 8 concurrent)',
      measured: `${fmt(b.hostRunsPerSecond, 2)} vs ${fmt(b.trivialRunsPerSecond, 2)}`,
      ratio: tp,
      target: '≥ 0.85×',
      met: tp >= 0.85,
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
    log('(f) history per acceptance run, bytes per event over a long run …');
    const f = await historyPerRun(stack.client);
    const perRun = f.host.bytes / f.plain.bytes;
    rows.push({
      name: `(f) history per acceptance run, host vs plain (${f.host.events} vs ${f.plain.events} events)`,
      measured: `${kib(f.host.bytes)} vs ${kib(f.plain.bytes)}`,
      ratio: perRun,
      target: '≤ 1.5×',
      met: perRun <= 1.5,
    });
    const long = await bytesPerEvent(stack.client, quick ? 120 : 300, quick ? 20 : 50);
    const drift = long.last / long.first;
    rows.push({
      name: `(f) bytes per event, last vs first ${quick ? 20 : 50} of ${long.size.bytesPerUpdate.length} events to one run`,
      measured: `${fmt(long.last, 0)} B vs ${fmt(long.first, 0)} B (${kib(long.size.bytes)} in ${long.size.runs} runs)`,
      ratio: drift,
      target: 'constant (≤ 1.05×)',
      met: drift <= 1.05,
    });
    log('(g) worker start, prebuilt bundle vs bundling at start …');
    const g = await workerStart(stack.workerConnection, stack.client, quick ? 1 : 3);
    rows.push({
      name: '(g) worker start to first event answered, prebuilt bundle vs bundling at start',
      measured: `${fmt(g.prebuiltMs, 0)} ms vs ${fmt(g.bundlingMs, 0)} ms`,
      ratio: g.prebuiltMs / g.bundlingMs,
      target: '< 1×',
      met: g.prebuiltMs < g.bundlingMs,
    });
  } finally {
    await stack.stop();
  }
  log('(e) simulation 2019–2028, (h) its histories …');
  try {
    let h: Awaited<ReturnType<typeof largestHistories>> | undefined;
    const e = await runSimulation(
      simulationOptionsSchema.parse({ out: join(tmpdir(), 'bench-simulation.html'), quiet: true }),
      undefined,
      async (world, views) => {
        h = await largestHistories(views.map((view) => world.handle(view.id)));
      },
    );
    const seconds = e.summary.wallSeconds;
    rows.push({
      name: '(e) simulation 2019–2028 wall time vs 30 s',
      measured: `${fmt(seconds)} s`,
      ratio: seconds / 30,
      target: '≤ 1.0× (30 s)',
      met: seconds <= 30,
    });
    if (h) rows.push(...historyRows(h));
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
