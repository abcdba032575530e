/**
 * `npm run bench:scale`: the listing, the inbox, the calendar feed and the dashboard's list page
 * at a small number of runs and again after seeding up to many (default 100 and 10,000), on the
 * dev server or on the Temporal server at --address. Each figure is the ratio of two medians
 * measured in this run on this machine (docs/BENCHMARKS.md, "Issue 17").
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { cpus, loadavg } from 'node:os';
import { z } from 'zod';
import { seed, type SeedTarget } from './scale-seed';
import { startScaleStack, type ScaleStack } from './scale-stack';

const optionsSchema = z
  .object({
    /** host:port of a Temporal frontend; without it the dev server is started here. */
    address: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
      .optional(),
    namespace: z.string().min(1).default('default'),
    /** The run counts measured at: the first all current runs, the rest adding past runs. */
    levels: z
      .string()
      .regex(/^\d+(,\d+)+$/, 'counts joined by commas, e.g. 100,10000')
      .default('100,10000')
      .transform((text) => text.split(',').map(Number))
      .refine((counts) => counts.every((n, i) => n >= 4 && n > (counts[i - 1] ?? 0)), {
        error: 'rising counts of at least 4',
      }),
    concurrency: z.coerce.number().int().min(1).max(256).default(24),
    repeat: z.coerce.number().int().min(3).max(200).default(15),
  })
  .strict();

function parseArgs(argv: string[]): z.infer<typeof optionsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!match?.[1]) throw new Error(`unexpected argument ${argv[i] ?? ''}`);
    raw[match[1]] = match[2] ?? argv[++i] ?? '';
  }
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

const QUEUE = 'bench-scale';

/** The operator measured: the SBO reads every kind and owns the seeded obligations. */
const ACTOR = 'sbo';

interface Measurement {
  name: string;
  /** One request as the caller makes it; answers what size it had (rows, items, events). */
  call(stack: ScaleStack): Promise<string>;
}

async function get(stack: ScaleStack, path: string): Promise<string> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${stack.tokens[ACTOR] ?? ''}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text}`);
  return text;
}

const measurements: Measurement[] = [
  {
    name: 'listing: GET /processes?status=running (first page, 100)',
    async call(stack) {
      const page = JSON.parse(await get(stack, '/processes?status=running')) as {
        processes: unknown[];
      };
      return `${page.processes.length} rows`;
    },
  },
  {
    name: 'inbox: GET /inbox',
    async call(stack) {
      const inbox = JSON.parse(await get(stack, '/inbox')) as { items: unknown[] };
      return `${inbox.items.length} items`;
    },
  },
  {
    name: 'calendar feed: GET /deadlines/calendar.ics',
    async call(stack) {
      const feed = await get(stack, '/deadlines/calendar.ics');
      return `${feed.split('BEGIN:VEVENT').length - 1} events`;
    },
  },
  {
    // What process-list.ts asks on opening "Processen": the kinds (twice: kinds and labels), the
    // first page of every run, then the statechart of each kind on it.
    name: 'dashboard list page: /kinds ×2, /processes, /kinds/{kind}/statechart each',
    async call(stack) {
      await Promise.all([get(stack, '/kinds'), get(stack, '/kinds')]);
      const page = JSON.parse(await get(stack, '/processes')) as {
        processes: { kind?: string }[];
      };
      const kinds = [...new Set(page.processes.map((p) => p.kind ?? ''))].filter(Boolean);
      await Promise.all(kinds.map((kind) => get(stack, `/kinds/${kind}/statechart`)));
      return `${page.processes.length} rows, ${kinds.length} charts`;
    },
  },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Medians in ms per measurement, taken round-robin so a busy moment hits all alike. */
async function measure(stack: ScaleStack, repeat: number): Promise<{ ms: number; size: string }[]> {
  const times: number[][] = measurements.map(() => []);
  const sizes: string[] = measurements.map(() => '');
  for (let round = -2; round < repeat; round += 1) {
    for (const [i, m] of measurements.entries()) {
      const started = performance.now();
      sizes[i] = await m.call(stack);
      // The first two rounds warm up (JIT, connections, the worker's cache).
      if (round >= 0) times[i]?.push(performance.now() - started);
    }
  }
  return times.map((t, i) => ({ ms: median(t), size: sizes[i] ?? '' }));
}

/** Until visibility counts every run seeded so far (it trails the writes a little). */
async function visible(stack: ScaleStack, total: number, running: number, base: number[]) {
  const count = async (query: string) => (await stack.client.workflow.count(query)).count;
  for (;;) {
    const [all, open] = await Promise.all([
      count('DsoKind IS NOT NULL'),
      count('DsoKind IS NOT NULL AND ExecutionStatus = "Running"'),
    ]);
    if (all - (base[0] ?? 0) >= total && open - (base[1] ?? 0) <= running) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function report(
  options: { concurrency: number; repeat: number },
  server: string,
  seeding: string[],
  began: number,
  small: number,
  first: { ms: number; size: string }[],
  columns: { runs: number; at: { ms: number; size: string }[] }[],
): string {
  const more = columns.map((c) => c.runs);
  const cell = (m: { ms: number; size: string } | undefined) =>
    m ? `${m.ms.toFixed(1)} ms (${m.size})` : '';
  const rows = measurements.map((m, i) => {
    const base = first[i]?.ms ?? Number.NaN;
    const last = columns.at(-1)?.at[i]?.ms ?? Number.NaN;
    const ratio = last / base;
    return `| ${m.name} | ${[first[i], ...columns.map((c) => c.at[i])].map(cell).join(' | ')} | **${ratio.toFixed(2)}** | ≤ 2× | ${ratio <= 2 ? 'yes' : 'no'} |`;
  });
  const largest = more.at(-1) ?? small;
  return [
    `Server: ${server}. ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end.`,
    `Seeding (${options.concurrency} at once): ${seeding.join('; ')}; whole benchmark ${((Date.now() - began) / 1000).toFixed(0)} s. Medians of ${options.repeat} rounds, as \`${ACTOR}\`; ratio = at ${largest} / at ${small}.`,
    '',
    `| measurement | ${[small, ...more].map((n) => `at ${n} runs`).join(' | ')} | ratio | target | met |`,
    `| --- | ${[small, ...more].map(() => '---').join(' | ')} | --- | --- | --- |`,
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The worker's warnings (slow tasks on a busy machine) would bury the table.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const log = (line: string) => console.error(line);
  const stack = await startScaleStack({
    address: options.address,
    namespace: options.namespace,
    taskQueue: QUEUE,
  });
  const began = Date.now();
  try {
    const count = async (query: string) => (await stack.client.workflow.count(query)).count;
    const base = [
      await count('DsoKind IS NOT NULL'),
      await count('DsoKind IS NOT NULL AND ExecutionStatus = "Running"'),
    ];
    const target: SeedTarget = { ...stack, tag: Date.now().toString(36), taskQueue: QUEUE };
    const [small = 0, ...more] = options.levels;
    log(`server: ${stack.server}; seeding ${small} current runs`);
    let seeded = Date.now();
    await seed(target, { current: small, past: 0, pastFrom: 0 }, options.concurrency, log, () =>
      visible(stack, 0, small, base),
    );
    await visible(stack, small, small, base);
    const seeding = [`${small} current runs in ${((Date.now() - seeded) / 1000).toFixed(0)} s`];
    log(`measuring at ${small} runs`);
    const first = await measure(stack, options.repeat);
    const columns: { runs: number; at: { ms: number; size: string }[] }[] = [];
    let have = small;
    for (const level of more) {
      log(`seeding ${level - have} past runs`);
      seeded = Date.now();
      await seed(
        target,
        { current: 0, past: level - have, pastFrom: have - small },
        options.concurrency,
        log,
        () => visible(stack, 0, small, base),
      );
      await visible(stack, level, small, base);
      const seconds = (Date.now() - seeded) / 1000;
      seeding.push(
        `${level - have} past runs in ${seconds.toFixed(0)} s (${((level - have) / seconds).toFixed(1)} runs/s)`,
      );
      have = level;
      log(`measuring at ${level} runs`);
      columns.push({ runs: level, at: await measure(stack, options.repeat) });
      // After each level: a run cut short still leaves what it measured.
      console.log(report(options, stack.server, seeding, began, small, first, columns));
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
