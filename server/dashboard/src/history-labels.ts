/**
 * Dutch words for what the history and deadline tables would otherwise show raw: the host's own
 * entries (start, deadline changes), the states an entry left and entered (by the chart's labels),
 * and a reminder's delivery status. The deadline walk found them in English on the case page.
 */
import type { Statechart } from '../../statechart';

const hostEvents: Record<string, string> = {
  START: 'Gestart',
  DEADLINE_SUSPENDED: 'Termijn opgeschort',
  DEADLINE_RESUMED: 'Termijn hervat',
  DEADLINE_EXTENDED: 'Termijn verlengd',
  DEADLINE_PASSED: 'Termijn verstreken',
  CHILD_DONE: 'Deelproces afgerond',
  CHILD_PROGRESS: 'Voortgang van een deelproces',
};

export const reminderStatus: Record<string, string> = {
  planned: 'gepland',
  sending: 'wordt verstuurd',
  sent: 'verstuurd',
  failed: 'mislukt',
};

/** The event's label: the kind's own, else the host's, else the type as a last resort. */
export function eventLabel(labels: Record<string, string>, type: string): string {
  return labels[type] ?? hostEvents[type] ?? type;
}

/** A function from a state's dotted path to its Dutch label in this chart. */
export function stateLabeller(chart: Statechart): (path: string) => string {
  const byPath = new Map<string, string>();
  const visit = (node: Statechart['root']): void => {
    byPath.set(node.path, node.label);
    node.children.forEach(visit);
  };
  visit(chart.root);
  return (path) => byPath.get(path) ?? path;
}
