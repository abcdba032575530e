/** One process: where it stands in its statechart, what may happen next, its deadlines and history. */
import type {
  AllowedEvent,
  AuditEntry,
  DeadlineRecord,
  ProcessView,
} from '../../../workflows/contract';
import { api, ApiError } from './api';
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

function actionForm(
  view: ProcessView,
  allowed: AllowedEvent,
  onDone: (view: ProcessView) => void,
): HTMLElement {
  // Narrowed to a government's member, or to one organisation (each OBO its own).
  const narrowedTo = allowed.party ?? allowed.organisation;
  const who = narrowedTo ? `${allowed.role} (${narrowedTo})` : allowed.role;
  const headingId = `action-${allowed.type}-${allowed.role}-${narrowedTo ?? ''}`;
  const options = allowed.options ?? [];
  const payload = h('textarea', { name: 'payload', rows: '3', spellcheck: false });
  payload.value = JSON.stringify(options[0] ?? {}, null, 1);
  const message = h('p', { class: 'form-message', role: 'status' });
  const choice =
    options.length > 1
      ? h(
          'select',
          {
            name: 'option',
            onchange: (event: Event) => {
              const index = Number((event.target as HTMLSelectElement).value);
              payload.value = JSON.stringify(options[index] ?? {}, null, 1);
            },
          },
          options.map((option, index) =>
            h('option', { value: String(index) }, JSON.stringify(option)),
          ),
        )
      : null;
  const form = h(
    'form',
    { class: 'action', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, allowed.label),
    h('p', { class: 'action-meta' }, `${allowed.type} — door ${who}`),
    choice ? h('label', {}, 'Keuze ', choice) : null,
    h('label', {}, 'Gegevens (JSON) ', payload),
    h('button', { type: 'submit' }, allowed.label),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(payload.value || '{}');
    } catch {
      message.textContent = 'De gegevens zijn geen geldige JSON.';
      message.setAttribute('role', 'alert');
      return;
    }
    message.textContent = 'Bezig…';
    api
      .send(view.id, { ...(body as Record<string, unknown>), type: allowed.type })
      .then(onDone)
      .catch((error: unknown) => {
        message.setAttribute('role', 'alert');
        message.textContent =
          error instanceof ApiError
            ? `Geweigerd (${error.status} ${error.code}): ${error.message}`
            : String(error);
      });
  });
  return form;
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
          h('td', {}, dutchDate(deadline.due)),
          h('td', {}, deadlineStatus[deadline.status] ?? deadline.status),
          h(
            'td',
            {},
            deadline.reminders.length
              ? deadline.reminders
                  .map(
                    (r) => `${r.daysBefore} d vooraf (${dutchDate(r.scheduledFor)}): ${r.status}`,
                  )
                  .join('; ')
              : deadline.remindDaysBefore.map((days) => `${days} d vooraf`).join(', ') || '—',
          ),
        ),
      ),
    ),
  );
}

function historyTable(history: AuditEntry[], labels: Record<string, string>): HTMLElement {
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
            h(
              'td',
              {},
              entry.actor.party
                ? `${entry.actor.id} (${entry.actor.party})`
                : entry.actor.organisation
                  ? `${entry.actor.id} (${entry.actor.organisation})`
                  : entry.actor.id,
            ),
            h('td', {}, labels[entry.event.type] ?? entry.event.type),
            h('td', {}, entry.from.join(', ')),
            h('td', {}, entry.to.join(', ')),
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
  const [chart, kinds] = await Promise.all([api.statechart(view.kind), api.kinds()]);
  const labels = Object.fromEntries(
    Object.entries(kinds.find((k) => k.kind === view.kind)?.events ?? {}).map(([type, e]) => [
      type,
      e.label,
    ]),
  );
  const sections = {
    head: h('div'),
    chart: h('div'),
    actions: h('div'),
    matrix: h('div'),
    deadlines: h('div'),
    history: h('div'),
    children: h('div'),
  };
  let shownActions = '';

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
        h('dd', { 'data-testid': 'state-labels' }, view.stateLabels.join(' · ') || '—'),
        h('dt', {}, 'Volgende termijn'),
        h('dd', {}, dutchDate(view.nextDeadline), view.overdue ? ' (verlopen)' : ''),
        h('dt', {}, 'Gestart'),
        h('dd', {}, `${dutchDateTime(view.startedAt)} door ${view.startedBy.id}`),
      ),
    );
    sections.chart.replaceChildren(statechartView(chart, view.state, view));
    // A form someone is filling in stays as it is unless the actions themselves changed.
    const actions = JSON.stringify(view.allowedEvents);
    if (actions !== shownActions) {
      shownActions = actions;
      sections.actions.replaceChildren(
        view.allowedEvents.length
          ? h(
              'div',
              { class: 'actions' },
              view.allowedEvents.map((allowed) => actionForm(view, allowed, render)),
            )
          : h('p', {}, 'Er kan nu niets worden gedaan.'),
      );
    }
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
    sections.history.replaceChildren(historyTable(view.history, labels));
    sections.children.replaceChildren(childrenList(view) ?? '');
  };

  render(view);
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← Processen')),
    h('h1', {}, `${view.title}: ${view.businessKey}`),
    sections.head,
    h(
      'section',
      { 'aria-labelledby': 'chart-heading' },
      h('h2', { id: 'chart-heading' }, 'Statechart'),
      sections.chart,
    ),
    h(
      'section',
      { 'aria-labelledby': 'actions-heading' },
      h('h2', { id: 'actions-heading' }, 'Toegestane acties'),
      sections.actions,
    ),
    sections.matrix,
    h(
      'section',
      { 'aria-labelledby': 'deadlines-heading' },
      h('h2', { id: 'deadlines-heading' }, 'Termijnen'),
      sections.deadlines,
    ),
    sections.children,
    h(
      'section',
      { 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading' }, 'Geschiedenis'),
      sections.history,
    ),
  );

  // Live: the process moves on through other operators, deadlines and children.
  const timer = setInterval(() => {
    api
      .view(id)
      .then((next) => {
        if (!signal.aborted && JSON.stringify(next) !== JSON.stringify(view)) render(next);
      })
      .catch(() => undefined);
  }, 3000);
  signal.addEventListener('abort', () => clearInterval(timer));
}
