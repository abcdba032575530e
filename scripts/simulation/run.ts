/**
 * Runs the whole arrangement 2019–2028 on the time-skipping server: every phase's steps in
 * workflow-time order, then every run's view (children found through their parents) into the
 * timeline report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ProcessView } from '../../workflows/contract';
import { acceptanceSteps } from './acceptance-phase';
import { escalationSteps } from './escalation-phase';
import type { SimulationOptions } from './options';
import { pcSteps } from './pc-phase';
import { contributionsOf } from './contributions';
import { renderReport, type ReportSummary } from './report';
import { reselectionSteps } from './reselection-phase';
import type { Step } from './step';
import { timelineOf, type ItemKind, type TimelineItem } from './timeline';
import { createWorld, type World } from './world';

/** After the last P&C year's deadlines (31 December) have passed. */
const endOf = (options: SimulationOptions) => `${options.pcTo + 1}-01-02T12:00:00Z`;

export interface SimulationResult {
  items: TimelineItem[];
  views: ProcessView[];
  summary: ReportSummary;
  outPath: string;
}

export function scenario(options: SimulationOptions): Step[] {
  const steps = [
    ...acceptanceSteps(options),
    ...reselectionSteps(options),
    ...pcSteps(options),
    ...escalationSteps(),
  ];
  // Stable: steps at the same moment keep the order their phase gave them.
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at.localeCompare(b.step.at) || a.index - b.index)
    .map(({ step }) => step);
}

async function collectViews(world: World): Promise<ProcessView[]> {
  const seen = new Set<string>();
  const queue = [...world.roots];
  const views: ProcessView[] = [];
  while (queue.length > 0) {
    const id = queue.shift();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const view = await world.view(id);
    views.push(view);
    queue.push(...view.children.map((c) => c.id));
  }
  return views;
}

export async function runSimulation(
  options: SimulationOptions,
  print: (line: string) => void = () => undefined,
  /** Looks at the finished world before it closes (the benchmark reads every run's history). */
  inspect?: (world: World, views: ProcessView[]) => Promise<void>,
): Promise<SimulationResult> {
  const started = performance.now();
  const seconds = (since: number) => (performance.now() - since) / 1000;
  const world = await createWorld();
  print(`time-skipping server and worker ready (${seconds(started).toFixed(1)} s)`);
  const phases = new Map<string, { steps: number; wallSeconds: number }>();
  try {
    for (const step of scenario(options)) {
      const stepStarted = performance.now();
      await world.sleepUntil(step.at);
      await step.run(world);
      const took = seconds(stepStarted);
      const phase = phases.get(step.phase) ?? { steps: 0, wallSeconds: 0 };
      phases.set(step.phase, { steps: phase.steps + 1, wallSeconds: phase.wallSeconds + took });
      print(`[${step.at.slice(0, 10)}] ${step.phase}: ${step.label} (${took.toFixed(2)} s)`);
    }
    await world.sleepUntil(endOf(options));
    const views = await collectViews(world);
    const items = timelineOf(views);
    const counts = Object.fromEntries(
      (['start', 'decision', 'deadline', 'reminder', 'overdue', 'met', 'end'] as ItemKind[]).map(
        (kind) => [kind, items.filter((i) => i.kind === kind).length],
      ),
    ) as Record<ItemKind, number>;
    const summary: ReportSummary = {
      options: { ...options, quiet: undefined },
      processes: views.length,
      counts,
      wallSeconds: seconds(started),
      phases: [...phases.entries()].map(([phase, p]) => ({ phase, ...p })),
      contributions: contributionsOf(views),
    };
    const outPath = resolve(options.out);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, renderReport(items, summary));
    await inspect?.(world, views);
    return { items, views, summary, outPath };
  } finally {
    await world.close();
  }
}
