/**
 * Sums a `node --cpu-prof` profile per function: self time, and inclusive time (a sample counts
 * once for every distinct function on its stack), so "where does the host's time go" has numbers.
 *
 *   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [filter] [top]
 *
 * `filter` keeps functions whose name or file contains it (e.g. "workflow-bundle").
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
      }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
  startTime: z.number(),
  endTime: z.number(),
});

const [file, filter = '', topText = '40'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [filter] [top]');
const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')) as unknown);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);
const keyOf = (id: number): string => {
  const frame = byId.get(id)?.callFrame;
  if (!frame) return '?';
  const where = frame.url.split('/').slice(-2).join('/');
  return `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let idle = 0;
let total = 0;
profile.samples.forEach((sample, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  total += ms;
  const name = keyOf(sample);
  if (name.startsWith('(idle)')) {
    idle += ms;
    return;
  }
  self.set(name, (self.get(name) ?? 0) + ms);
  const seen = new Set<string>();
  for (let id: number | undefined = sample; id !== undefined; id = parent.get(id))
    seen.add(keyOf(id));
  for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
});

const top = Number(topText);
const show = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`);
  [...table]
    .filter(([name]) => name.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([name, ms]) => console.log(`${ms.toFixed(0).padStart(8)} ms  ${name}`));
};
console.log(`${file}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy`);
show('self', self);
show('inclusive', inclusive);
