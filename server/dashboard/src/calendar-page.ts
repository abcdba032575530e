/** What is due: the deadlines of running processes, month by month. */
import type { DeadlineRecord } from '../../../workflows/contract';
import { api, session, type ProcessSummary } from './api';
import { displayDay, dueText } from '../../../machines/due-date-display';
import { h } from './dom';
import { feedLinks } from './calendar-feeds';

interface Due {
  process: ProcessSummary;
  title: string;
  deadline: DeadlineRecord & { due: string };
}

const open = new Set(['running', 'pending', 'overdue']);

/** The month a deadline is filed under: that of its last day to act (the shared date rule). */
function monthOf(deadline: Due['deadline']): string {
  const day = displayDay(deadline.due, deadline.moment);
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('nl-NL', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  });
}

async function dueItems(): Promise<Due[]> {
  const processes: ProcessSummary[] = [];
  let pageToken: string | undefined;
  do {
    const answer = await api.processes({
      status: 'running',
      ...(pageToken ? { pageToken } : {}),
    });
    processes.push(...answer.processes);
    pageToken = answer.nextPageToken ?? undefined;
  } while (pageToken);
  const views = await Promise.all(processes.map((p) => api.view(p.id).catch(() => null)));
  return views.flatMap((view, index) => {
    const process = processes[index];
    if (!view || !process) return [];
    return view.deadlines
      .filter((d): d is Due['deadline'] => d.due !== null && open.has(d.status))
      .map((deadline) => ({ process, title: view.title, deadline }));
  });
}

export async function calendarPage(main: HTMLElement): Promise<void> {
  const items = (await dueItems()).sort((a, b) => a.deadline.due.localeCompare(b.deadline.due));
  const months = new Map<string, Due[]>();
  for (const item of items) {
    const month = monthOf(item.deadline);
    months.set(month, [...(months.get(month) ?? []), item]);
  }
  main.replaceChildren(
    h('h1', {}, 'Kalender'),
    h('p', {}, 'De termijnen van lopende processen, per maand.'),
    feedLinks(await api.whoLabels(), session.token() ?? ''),
    items.length === 0 ? h('p', {}, 'Niets te doen.') : '',
    ...[...months].map(([month, due]) =>
      h(
        'section',
        { class: 'month', 'aria-label': month },
        h('h2', {}, month),
        h(
          'ul',
          {},
          due.map(({ process, title, deadline }) =>
            h(
              'li',
              { class: deadline.status === 'overdue' ? 'overdue' : '' },
              h(
                'time',
                { datetime: displayDay(deadline.due, deadline.moment) },
                dueText(deadline.due, { moment: deadline.moment }),
              ),
              ` ${deadline.label} — `,
              h(
                'a',
                { href: `#/process/${encodeURIComponent(process.id)}` },
                `${title}: ${process.businessKey ?? process.id}`,
              ),
              deadline.status === 'overdue' ? ' (verlopen)' : '',
              deadline.status === 'pending' ? ' (loopt nog niet)' : '',
            ),
          ),
        ),
      ),
    ),
  );
}
