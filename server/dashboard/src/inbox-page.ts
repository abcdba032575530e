/**
 * "Wat wacht op mij", the landing page: every running case where the signed-in actor (or their
 * government or organisation) may act now, soonest deadline first (the API sorts it so), with one
 * link per action that opens the case at that action's form.
 */
import type { AllowedEvent } from '../../../workflows/contract';
import { dueText } from '../../../machines/due-date-display';
import { actionLink } from './action-anchor';
import { api, type InboxItem } from './api';
import { h } from './dom';

/** How often the page looks again: work arrives through other operators and passing deadlines. */
const REFRESH_MS = 10_000;

/** One link per event type: a VERDICT with eight open options is one thing to do, not eight. */
function distinctActions(events: AllowedEvent[]): AllowedEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.type) && seen.add(event.type));
}

function countText(count: number): string {
  if (count === 0) return 'Er wacht niets op u.';
  return count === 1 ? '1 zaak wacht op u.' : `${String(count)} zaken wachten op u.`;
}

function itemCard(item: InboxItem): HTMLElement {
  const headingId = `inbox-${item.id}`;
  const caseLink = `#/process/${encodeURIComponent(item.id)}`;
  return h(
    'li',
    { class: item.overdue ? 'inbox-item overdue' : 'inbox-item' },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h2', { id: headingId }, h('a', { href: caseLink }, `${item.title}: ${item.businessKey}`)),
      h(
        'p',
        { class: 'inbox-due' },
        item.nextDeadline
          ? `Volgende termijn: ${dueText(item.nextDeadline)}`
          : 'Geen termijn gesteld',
        item.overdue ? h('strong', { class: 'overdue-mark' }, ' — termijn verstreken') : '',
      ),
      h('p', { class: 'inbox-state' }, item.stateLabels.join(' · ') || item.summary),
      h(
        'ul',
        { class: 'inbox-actions', 'aria-label': 'Wat u kunt doen' },
        distinctActions(item.allowedEvents).map((event) =>
          h('li', {}, h('a', { href: actionLink(item.id, event.type) }, `${event.label} →`)),
        ),
      ),
    ),
  );
}

function emptyState(): HTMLElement {
  return h(
    'div',
    { class: 'inbox-empty' },
    h('p', {}, 'U bent bij: er is nu geen zaak waarin u of uw partij aan zet is.'),
    h(
      'p',
      {},
      'Zodra een proces u nodig heeft, staat het hier. Alle lopende zaken vindt u onder ',
      h('a', { href: '#/processen' }, 'Processen'),
      '.',
    ),
  );
}

/** Renders the inbox into `main` and keeps it current until `signal` aborts. */
export async function inboxPage(main: HTMLElement, signal: AbortSignal): Promise<void> {
  document.title = 'Wat wacht op mij – DSO-LV beheerprocessen';
  const status = h('p', { role: 'status' });
  const list = h('div');
  const show = (items: InboxItem[]) => {
    status.textContent = countText(items.length);
    list.replaceChildren(
      items.length === 0
        ? emptyState()
        : h('ol', { class: 'inbox', 'aria-label': 'Zaken die op u wachten' }, items.map(itemCard)),
    );
  };
  const first = await api.inbox();
  let shown = JSON.stringify(first.items);
  show(first.items);
  main.replaceChildren(
    h('h1', {}, 'Wat wacht op mij'),
    h(
      'p',
      { class: 'lead' },
      'Zaken waarin u of uw partij nu iets moet doen, de vroegste termijn eerst.',
    ),
    status,
    list,
  );
  const timer = setInterval(() => {
    api
      .inbox()
      .then(({ items }) => {
        const next = JSON.stringify(items);
        if (signal.aborted || next === shown) return;
        shown = next;
        show(items);
      })
      .catch(() => undefined);
  }, REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
}
