/** One process: where it stands in its statechart, what may happen next, its deadlines and history. */
import type { Actor } from '../../../machines/actors';
import type { AuditEntry, DeadlineRecord, ProcessView } from '../../../workflows/contract';
import { dueText } from '../../../machines/due-date-display';
import { showRequestedAction } from './action-anchor';
import { actorText } from './actor-text';
import { api } from './api';
import { caseContent } from './case-content';
import { deadlineForms } from './forms/deadline-forms';
import { eventForms } from './forms/event-forms';
import { eventLabel, reminderStatus, stateLabeller } from './history-labels';
import { dutchDate, dutchDateTime, h } from './dom';
import { isMatrix, matrixView } from './matrix-view';
import { statechartView } from './statechart-view';

const deadlineStatus: Record<string, string> = {
  pending: 'wacht op datum',
  running: 'loopt',
  met: 'gehaald',
  overdue: 'verlopen',
  metLate: 'te laat gehaald',
  reached: 'bereikt',
  passedOn: 'doorgezet',
  suspended: 'opgeschort',
};

/** The next deadline by the shared date rule; a moment (a meeting) on its own day. */
function nextDeadlineText(view: ProcessView): string {
  if (!view.nextDeadline) return '—';
  const next = view.deadlines.find((d) => d.due === view.nextDeadline);
  return dueText(view.nextDeadline, { moment: next?.moment ?? false });
}

function deadlinesTable(deadlines: DeadlineRecord[]): HTMLElement {
  if (deadlines.length === 0) return h('p', {}, 'Geen termijnen.');
  return h(
    'table',
    { 'aria-label': 'Termijnen' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Termijn', 'Uiterlijk', 'Status', 'Herinneringen'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      deadlines.map((deadline) =>
        h(
          'tr',
          { class: `deadline-${deadline.status}` },
          h('th', { scope: 'row' }, deadline.label),
          h('td', {}, deadline.due ? dueText(deadline.due, { moment: deadline.moment }) : '—'),
          h('td', {}, deadlineStatus[deadline.status] ?? deadline.status),
          h(
            'td',
            {},
            deadline.reminders.length
              ? deadline.reminders
                  .map(
                    (r) =>
                      `${r.daysBefore} d vooraf (${dutchDate(r.scheduledFor)}): ${reminderStatus[r.status] ?? r.status}`,
                  )
                  .join('; ')
              : deadline.remindDaysBefore.map((days) => `${days} d vooraf`).join(', ') || '—',
          ),
        ),
      ),
    ),
  );
}

function historyTable(
  history: AuditEntry[],
  labels: Record<string, string>,
  stateLabel: (path: string) => string,
  actorOf: (actor: Actor) => string,
): HTMLElement {
  return h(
    'table',
    { 'aria-label': 'Geschiedenis' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['#', 'Moment', 'Door', 'Gebeurtenis', 'Van', 'Naar'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      [...history]
        .reverse()
        .map((entry) =>
          h(
            'tr',
            {},
            h('td', {}, String(entry.seq)),
            h('td', {}, dutchDateTime(entry.at)),
            h('td', {}, actorOf(entry.actor)),
            h('td', {}, eventLabel(labels, entry.event.type)),
            h('td', {}, entry.from.map(stateLabel).join(', ')),
            h('td', {}, entry.to.map(stateLabel).join(', ')),
          ),
        ),
    ),
  );
}

function childrenList(view: ProcessView): HTMLElement | null {
  if (view.children.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'children-heading' },
    h('h2', { id: 'children-heading' }, 'Deelprocessen'),
    h(
      'ul',
      {},
      view.children.map((child) =>
        h(
          'li',
          {},
          h('a', { href: `#/process/${encodeURIComponent(child.id)}` }, child.id),
          ` — ${child.summary ?? child.status}`,
        ),
      ),
    ),
  );
}

/** Renders the page for a process into `main`, and keeps it live until `signal` aborts. */
export async function processPage(
  main: HTMLElement,
  id: string,
  signal: AbortSignal,
): Promise<void> {
  let view = await api.view(id);
  const [chart, kinds, who] = await Promise.all([
    api.statechart(view.kind),
    api.kinds(),
    api.whoLabels(),
  ]);
  const actorOf = (actor: Actor): string => actorText(actor, kinds, who);
  const stateLabel = stateLabeller(chart);
  const labels = Object.fromEntries(
    Object.entries(kinds.find((k) => k.kind === view.kind)?.events ?? {}).map(([type, e]) => [
      type,
      e.label,
    ]),
  );
  const sections = {
    head: h('div'),
    content: h('div'),
    chart: h('div'),
    actions: h('div'),
    matrix: h('div'),
    deadlines: h('div'),
    history: h('div'),
    children: h('div'),
  };
  // The forms keep their DOM across refreshes: only forms that come or go change.
  const refresh = async () => {
    const next = await api.view(id);
    if (!signal.aborted) void render(next);
  };
  const events = eventForms(() => view, refresh);
  const deadlineChanges = deadlineForms(() => view, refresh);
  sections.actions.replaceChildren(events.element);

  const render = (next: ProcessView) => {
    view = next;
    sections.head.replaceChildren(
      h('p', { class: 'summary' }, view.summary),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Status'),
        h('dd', {}, view.status === 'running' ? 'loopt' : 'afgerond'),
        h('dt', {}, 'Huidige toestand'),
        h(
          'dd',
          { 'data-testid': 'state-labels' },
          // A state without a meta label (an obligation's "open.inTime") by the chart's label.
          view.stateLabels.join(' · ') || view.state.map(stateLabel).join(' · ') || '—',
        ),
        h('dt', {}, 'Volgende termijn'),
        h('dd', {}, nextDeadlineText(view), view.overdue ? ' (verlopen)' : ''),
        h('dt', {}, 'Gestart'),
        h('dd', {}, `${dutchDateTime(view.startedAt)} door ${actorOf(view.startedBy)}`),
      ),
    );
    sections.content.replaceChildren(caseContent(view) ?? '');
    sections.chart.replaceChildren(statechartView(chart, view.state, view));
    const formsReady = Promise.all([events.update(view), deadlineChanges.update(view)]);
    const matrix = view.context.matrix;
    sections.matrix.replaceChildren(
      isMatrix(matrix)
        ? h(
            'section',
            { 'aria-labelledby': 'matrix-heading' },
            h('h2', { id: 'matrix-heading' }, 'Acceptatiematrix'),
            matrixView(matrix),
          )
        : '',
    );
    sections.deadlines.replaceChildren(deadlinesTable(view.deadlines));
    sections.history.replaceChildren(historyTable(view.history, labels, stateLabel, actorOf));
    sections.children.replaceChildren(childrenList(view) ?? '');
    return formsReady;
  };

  const firstForms = render(view);
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/processen' }, '← Processen')),
    h('h1', {}, `${view.title}: ${view.businessKey}`),
    sections.head,
    sections.content,
    h(
      'section',
      { 'aria-labelledby': 'chart-heading' },
      h('h2', { id: 'chart-heading' }, 'Statechart'),
      sections.chart,
    ),
    h(
      'section',
      { 'aria-labelledby': 'actions-heading' },
      h('h2', { id: 'actions-heading' }, 'Wat u nu kunt doen'),
      sections.actions,
    ),
    sections.matrix,
    h(
      'section',
      { 'aria-labelledby': 'deadlines-heading' },
      h('h2', { id: 'deadlines-heading' }, 'Termijnen'),
      sections.deadlines,
      deadlineChanges.element,
    ),
    sections.children,
    h(
      'section',
      { 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading' }, 'Geschiedenis'),
      sections.history,
    ),
  );

  // A link from the inbox names the action to take: its form comes into view once it is built.
  void firstForms.then(() => {
    if (!signal.aborted) showRequestedAction(main);
  });

  // Live: the process moves on through other operators, deadlines and children.
  const timer = setInterval(() => {
    api
      .view(id)
      .then((next) => {
        if (!signal.aborted && JSON.stringify(next) !== JSON.stringify(view)) void render(next);
      })
      .catch(() => undefined);
  }, 3000);
  signal.addEventListener('abort', () => clearInterval(timer));
}
