/** The rows of the process list: Dutch state labels from the kinds' statecharts, who must act. */
import type { Statechart, StatechartNode } from '../../statechart';
import { api, type KindInfo, type ProcessSummary, type WhoLabels } from './api';
import { dutchDate, h } from './dom';
import { waitingOnLabel } from './who-labels';

export type StateLabels = Map<string, Map<string, string>>;

function labelsOf(node: StatechartNode, into: Map<string, string>): Map<string, string> {
  into.set(node.path, node.label);
  node.children.forEach((child) => labelsOf(child, into));
  return into;
}

/** Path → Dutch label for each kind among `processes` (charts are cached by api.statechart). */
export async function stateLabelsFor(
  processes: readonly { kind?: string | undefined }[],
  known: StateLabels,
): Promise<StateLabels> {
  const kinds = [...new Set(processes.map((p) => p.kind))].filter(
    (kind): kind is string => kind !== undefined && !known.has(kind),
  );
  const charts = await Promise.all(
    kinds.map((kind) => api.statechart(kind).catch((): Statechart | null => null)),
  );
  charts.forEach((chart, index) => {
    const kind = kinds[index];
    if (chart && kind) known.set(kind, labelsOf(chart.root, new Map()));
  });
  return known;
}

export const stateText = (p: ProcessSummary, labels: StateLabels): string =>
  p.state.map((path) => labels.get(p.kind ?? '')?.get(path) ?? 'onbekende toestand').join(' · ') ||
  '—';

const statusText = (status: string) =>
  status === 'running' ? 'loopt' : status === 'completed' ? 'afgerond' : 'beëindigd';

export function processRows(
  processes: readonly ProcessSummary[],
  kinds: readonly KindInfo[],
  labels: StateLabels,
  who: WhoLabels,
): HTMLElement[] {
  return processes.map((p) =>
    h(
      'tr',
      { class: p.overdue ? 'overdue' : '', 'data-id': p.id },
      h(
        'th',
        { scope: 'row' },
        h(
          'a',
          { href: `#/process/${encodeURIComponent(p.id)}` },
          `${kinds.find((k) => k.kind === p.kind)?.title ?? 'Proces'}: ${p.businessKey ?? p.id}`,
        ),
        // The run's id is its case number in e-mails and the calendar: kept, but quiet.
        h('span', { class: 'case-id' }, p.id),
      ),
      h('td', {}, stateText(p, labels)),
      h(
        'td',
        {},
        p.waitingOn.length
          ? h(
              'ul',
              { class: 'plain' },
              p.waitingOn.map((key) => h('li', {}, waitingOnLabel(key, who))),
            )
          : '—',
      ),
      h('td', {}, dutchDate(p.nextDeadline), p.overdue ? h('strong', {}, ' (verlopen)') : ''),
      h('td', {}, statusText(p.status)),
    ),
  );
}
