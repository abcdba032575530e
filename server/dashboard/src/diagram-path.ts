/**
 * The path a run took through its chart, read from its audit entries: the states it has been in
 * and the transitions it followed. An entry names the event and the active leaves before and
 * after; an eventless step or a region's completion taken in the same step counts as well.
 */
import type { AuditEntry } from '../../../workflows/contract';
import type { DiagramEdge } from './diagram-graph';

/** Whether `path` is the state `leaf` or one of its ancestors. */
export const holds = (path: string, leaf: string) =>
  path === '' || leaf === path || leaf.startsWith(`${path}.`);

const followsInStep = (event: string) => event === 'always' || event.startsWith('xstate.');

export interface TakenPath {
  /** States the run has been in, with their ancestors. */
  visited: Set<string>;
  /** Edge ids the run followed, with how often. */
  taken: Map<string, number>;
}

export function takenPath(
  history: readonly Pick<AuditEntry, 'event' | 'from' | 'to'>[],
  edges: readonly DiagramEdge[],
): TakenPath {
  const visited = new Set<string>();
  const taken = new Map<string, number>();
  for (const entry of history) {
    for (const leaf of [...entry.from, ...entry.to]) {
      const parts = leaf.split('.');
      parts.forEach((_, index) => visited.add(parts.slice(0, index + 1).join('.')));
    }
    // The leaves that were left and entered; a state kept across the step took no transition.
    const left = entry.from.filter((leaf) => !entry.to.includes(leaf));
    const entered = entry.to.filter((leaf) => !entry.from.includes(leaf));
    for (const edge of edges) {
      const event = edge.transition.event;
      if (event !== entry.event.type && !followsInStep(event)) continue;
      const fromHere = left.some((leaf) => holds(edge.source, leaf));
      const toThere = entered.some((leaf) => holds(edge.target, leaf));
      const stays = edge.source === edge.target && event === entry.event.type;
      if ((fromHere && toThere) || (stays && entry.from.some((l) => holds(edge.source, l)))) {
        taken.set(edge.id, (taken.get(edge.id) ?? 0) + 1);
      }
    }
  }
  return { visited, taken };
}
