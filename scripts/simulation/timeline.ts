/**
 * Every run's view at the end, turned into dated items: each deadline's due moment and how it
 * ended, each reminder sent, each decision (accepted event) with its actor, starts and ends.
 */
import { findDefinition } from '../../machines/registry';
import { statechartOf, type StatechartNode } from '../../server/statechart';
import { systemEventLabel } from '../../server/statechart-labels';
import type { ProcessView } from '../../workflows/contract';

/** Dutch names of a kind's events and states, as the dashboard shows them. */
function dutchNames(kind: string) {
  const definition = findDefinition(kind);
  const states = new Map<string, string>();
  const visit = (node: StatechartNode) => {
    states.set(node.path, node.label);
    node.children.forEach(visit);
  };
  if (definition) visit(statechartOf(definition).root);
  return {
    event: (type: string) => definition?.events[type]?.label ?? systemEventLabel(type),
    state: (path: string) => states.get(path) ?? 'onbekende toestand',
  };
}

const deadlineStatusLabels: Record<string, string> = {
  pending: 'wacht op datum',
  running: 'loopt',
  met: 'gehaald',
  overdue: 'verlopen',
  metLate: 'te laat gehaald',
  reached: 'bereikt',
  passedOn: 'doorgezet',
  suspended: 'opgeschort',
};
const statusLabel = (status: string) => deadlineStatusLabels[status] ?? status;

export type ItemKind = 'start' | 'decision' | 'deadline' | 'reminder' | 'overdue' | 'met' | 'end';

export interface TimelineItem {
  at: string;
  processId: string;
  kind: ItemKind;
  /** What happened in the product's terms (event type, deadline status): for tests and tools. */
  what: string;
  /** The same for people, in Dutch: the report shows this. */
  text: string;
  who: string;
}

// A linked child's progress reports repeat what the child's own history already shows.
const skippedEvents = new Set(['CHILD_PROGRESS']);
const endedStatuses = new Set(['met', 'metLate', 'reached', 'passedOn']);

function itemsOf(view: ProcessView): TimelineItem[] {
  const item = (
    at: string,
    kind: ItemKind,
    what: string,
    who: string,
    text = what,
  ): TimelineItem => ({ at, processId: view.id, kind, what, text, who });
  const names = dutchNames(view.kind);
  const items = [item(view.startedAt, 'start', `gestart: ${view.title}`, view.startedBy.id)];
  for (const entry of view.history) {
    if (skippedEvents.has(entry.event.type)) continue;
    const to = entry.to.join(', ');
    const dutch = `${names.event(entry.event.type)} → ${entry.to.map(names.state).join(' · ')}`;
    items.push(item(entry.at, 'decision', `${entry.event.type} → ${to}`, entry.actor.id, dutch));
  }
  for (const deadline of view.deadlines) {
    if (deadline.due) {
      items.push(
        item(
          deadline.due,
          'deadline',
          `${deadline.label} (${deadline.status})`,
          'termijn',
          `${deadline.label} (${statusLabel(deadline.status)})`,
        ),
      );
      if (deadline.status === 'overdue' || deadline.status === 'metLate') {
        items.push(item(deadline.due, 'overdue', `${deadline.label}: over de termijn`, 'system'));
      }
    }
    // A moment that is reached ends at its due time; the host records no end of its own.
    const ended = deadline.endedAt ?? (deadline.status === 'reached' ? deadline.due : null);
    if (ended && endedStatuses.has(deadline.status)) {
      items.push(
        item(
          ended,
          'met',
          `${deadline.label}: ${deadline.status}`,
          'systeem',
          `${deadline.label}: ${statusLabel(deadline.status)}`,
        ),
      );
    }
    for (const reminder of deadline.reminders) {
      if (reminder.status !== 'sent') continue;
      items.push(
        item(
          reminder.scheduledFor,
          'reminder',
          `herinnering ${reminder.daysBefore} dag(en) voor: ${deadline.label}`,
          (reminder.channels ?? []).map((c) => c.channel).join(', ') || 'reminder activity',
        ),
      );
    }
  }
  if (view.status === 'completed') {
    items.push(item(view.updatedAt, 'end', `afgerond: ${view.summary}`, 'system'));
  }
  return items;
}

export function timelineOf(views: readonly ProcessView[]): TimelineItem[] {
  return views
    .flatMap(itemsOf)
    .sort((a, b) => a.at.localeCompare(b.at) || a.processId.localeCompare(b.processId));
}

/** The year an item falls in, in Dutch time (a due "1 January 00:00" belongs to the new year). */
export function amsterdamYear(iso: string): number {
  const year = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric' });
  return Number(year.format(new Date(iso)));
}
