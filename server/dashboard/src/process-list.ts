/**
 * The process list: who must act and where each run stands, in Dutch; filtered by kind, state,
 * government, "wacht op mij", business key, overdue and status; refreshed while it is open.
 * A refresh replaces the rows only, so whatever is typed in the filters stays.
 */
import { api, type Filters, type KindInfo, type ProcessSummary, type WhoLabels } from './api';
import { h } from './dom';
import { processRows, stateLabelsFor, type StateLabels } from './process-rows';
import { countOf, optionsOf } from './who-labels';

const filterNames = ['kind', 'state', 'businessKey', 'party', 'overdue', 'status'] as const;
/** Other operators move runs on; a list left open follows within this time. */
export const LIST_REFRESH_MS = 5000;

export type ListFilters = Filters & { mine?: string };

export function filtersOf(query: URLSearchParams): ListFilters {
  const filters: ListFilters = {};
  for (const name of [...filterNames, 'mine'] as const) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

function select(
  name: string,
  label: string,
  current: string | undefined,
  options: [string, string][],
): HTMLElement {
  return h(
    'label',
    {},
    `${label} `,
    h(
      'select',
      { name },
      options.map(([value, text]) =>
        h('option', { value, selected: value === (current ?? '') }, text),
      ),
    ),
  );
}

function filterForm(
  filters: ListFilters,
  kinds: KindInfo[],
  labels: StateLabels,
  who: WhoLabels,
): HTMLElement {
  const states = filters.kind ? [...(labels.get(filters.kind) ?? new Map<string, string>())] : [];
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filters' },
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'mine',
        value: 'true',
        checked: filters.mine === 'true',
      }),
      ' Wacht op mij',
    ),
    select('kind', 'Soort', filters.kind, [
      ['', 'alle'],
      ...kinds.map((k): [string, string] => [k.kind, k.title]),
    ]),
    // A state belongs to a kind: the choice appears once a kind is chosen.
    states.length
      ? select('state', 'Toestand', filters.state, [
          ['', 'alle'],
          ...states.filter(([path]) => path !== ''),
        ])
      : null,
    select('party', 'Wacht op overheid', filters.party, [['', 'alle'], ...optionsOf(who.parties)]),
    h(
      'label',
      {},
      'Zaaksleutel ',
      h('input', { name: 'businessKey', value: filters.businessKey ?? '' }),
    ),
    select('overdue', 'Verlopen', filters.overdue, [
      ['', 'alle'],
      ['true', 'ja'],
      ['false', 'nee'],
    ]),
    select('status', 'Status', filters.status, [
      ['', 'alle'],
      ['running', 'loopt'],
      ['completed', 'afgerond'],
    ]),
    h('button', { type: 'submit' }, 'Filteren'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim()) query.set(name, value.trim());
    }
    const text = query.toString();
    location.hash = text ? `#/processen?${text}` : '#/processen';
  });
  return form;
}

/** "Wacht op mij" is the inbox; the other filters then narrow it here, as the API would. */
async function waitingOnMe(filters: ListFilters): Promise<ProcessSummary[]> {
  const { items } = await api.inbox();
  return (
    items
      .filter((item) => !filters.kind || item.kind === filters.kind)
      .filter((item) => !filters.businessKey || item.businessKey === filters.businessKey)
      .filter((item) => !filters.state || item.state.includes(filters.state))
      .filter((item) => !filters.overdue || String(item.overdue) === filters.overdue)
      // The inbox holds running runs only.
      .filter(() => filters.status !== 'completed')
      .map((item) => ({
        id: item.id,
        kind: item.kind,
        businessKey: item.businessKey,
        state: item.state,
        nextDeadline: item.nextDeadline,
        overdue: item.overdue,
        // The inbox names what this caller may do: that is who the run waits on here.
        waitingOn: [
          ...new Set(
            item.allowedEvents.map((e) =>
              [e.role, e.party ?? e.organisation].filter(Boolean).join(':'),
            ),
          ),
        ],
        status: 'running',
        startedAt: '',
      }))
  );
}

export async function processList(
  main: HTMLElement,
  filters: ListFilters,
  signal: AbortSignal,
): Promise<void> {
  const [kinds, who] = await Promise.all([api.kinds(), api.whoLabels()]);
  const labels = await stateLabelsFor(
    filters.kind ? [{ kind: filters.kind }] : [],
    new Map() as StateLabels,
  );
  const { mine, ...listFilters } = filters;
  const body = h('tbody');
  const more = h('p');
  const count = h('p', { role: 'status' });
  let pages: (string | undefined)[] = [undefined];

  const fetchAll = async (): Promise<{ rows: ProcessSummary[]; next: string | null }> => {
    if (mine === 'true') return { rows: await waitingOnMe(filters), next: null };
    const rows: ProcessSummary[] = [];
    let next: string | null = null;
    for (const pageToken of pages) {
      const answer = await api.processes({ ...listFilters, ...(pageToken ? { pageToken } : {}) });
      rows.push(...answer.processes);
      next = answer.nextPageToken ?? null;
    }
    return { rows, next };
  };
  let shown = '';
  const show = async () => {
    const { rows, next } = await fetchAll();
    await stateLabelsFor(rows, labels);
    const text = JSON.stringify(rows);
    if (text !== shown) {
      shown = text;
      body.replaceChildren(...processRows(rows, kinds, labels, who));
      // Said only when it changed: the status is read out by screen readers.
      count.textContent = countOf(rows.length, 'proces', 'processen');
    }
    more.replaceChildren(
      next
        ? h(
            'button',
            {
              type: 'button',
              onclick: () => {
                pages = [...pages, next];
                void show();
              },
            },
            'Meer processen',
          )
        : '',
    );
  };

  main.replaceChildren(
    h('h1', {}, mine === 'true' ? 'Processen die op mij wachten' : 'Processen'),
    filterForm(filters, kinds, labels, who),
    count,
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-label': 'Processen', tabindex: '0' },
      h(
        'table',
        { 'aria-label': 'Processen' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Proces', 'Toestand', 'Wacht op', 'Volgende termijn', 'Status'].map((title) =>
              h('th', { scope: 'col' }, title),
            ),
          ),
        ),
        body,
      ),
    ),
    more,
  );
  await show();
  const timer = setInterval(() => {
    if (!signal.aborted) void show().catch(() => undefined);
  }, LIST_REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
}
