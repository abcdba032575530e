/** The process list, filtered by kind, state, business key, overdue and status. */
import { api, type Filters, type KindInfo, type ProcessSummary } from './api';
import { dutchDate, h } from './dom';

const filterNames = ['kind', 'state', 'businessKey', 'overdue', 'status'] as const;

export function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of filterNames) {
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

function filterForm(filters: Filters, kinds: KindInfo[]): HTMLElement {
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filters' },
    select('kind', 'Soort', filters.kind, [
      ['', 'alle'],
      ...kinds.map((k): [string, string] => [k.kind, k.title]),
    ]),
    h('label', {}, 'Toestand ', h('input', { name: 'state', value: filters.state ?? '' })),
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

function rows(processes: ProcessSummary[], kinds: KindInfo[]): HTMLElement[] {
  return processes.map((p) =>
    h(
      'tr',
      { class: p.overdue ? 'overdue' : '' },
      h('th', { scope: 'row' }, h('a', { href: `#/process/${encodeURIComponent(p.id)}` }, p.id)),
      h('td', {}, kinds.find((k) => k.kind === p.kind)?.title ?? p.kind ?? '—'),
      h('td', {}, p.businessKey ?? '—'),
      h('td', {}, p.state.join(', ')),
      h('td', {}, dutchDate(p.nextDeadline)),
      h('td', {}, p.overdue ? 'ja' : 'nee'),
      h('td', {}, p.status === 'running' ? 'loopt' : p.status),
    ),
  );
}

export async function processList(main: HTMLElement, filters: Filters): Promise<void> {
  const kinds = await api.kinds();
  const body = h('tbody');
  const more = h('p');
  const load = async (pageToken?: string) => {
    const answer = await api.processes({ ...filters, ...(pageToken ? { pageToken } : {}) });
    body.append(...rows(answer.processes, kinds));
    const next = answer.nextPageToken;
    more.replaceChildren(
      next ? h('button', { type: 'button', onclick: () => void load(next) }, 'Meer processen') : '',
    );
    count.textContent = `${String(body.rows.length)} processen`;
  };
  const count = h('p', { role: 'status' });
  main.replaceChildren(
    h('h1', {}, 'Processen'),
    filterForm(filters, kinds),
    count,
    h(
      'table',
      { 'aria-label': 'Processen' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Proces',
            'Soort',
            'Zaaksleutel',
            'Toestand',
            'Volgende termijn',
            'Verlopen',
            'Status',
          ].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      body,
    ),
    more,
  );
  await load();
}
