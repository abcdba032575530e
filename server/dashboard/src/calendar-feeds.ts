/**
 * The calendar's subscriptions: the `.ics` feed for everything the caller may read, and narrowed
 * per role and per government. Calendar programs cannot send a header, so the link carries the
 * caller's own token (`?token=`), as the feed accepts; the page says so.
 */
import type { WhoLabels } from './api';
import { h } from './dom';

const FEED = '/api/v1/deadlines/calendar.ics';

function feedUrl(token: string, narrow: { role?: string; party?: string }): string {
  const query = new URLSearchParams({ ...narrow, token });
  return new URL(`${FEED}?${query.toString()}`, location.origin).toString();
}

export function feedLinks(labels: WhoLabels, token: string): HTMLElement {
  const link = (text: string, narrow: { role?: string; party?: string }) =>
    h('li', {}, h('a', { href: feedUrl(token, narrow), class: 'feed' }, text));
  return h(
    'section',
    { class: 'feeds', 'aria-labelledby': 'feeds-heading' },
    h('h2', { id: 'feeds-heading' }, 'Abonneren in uw agenda'),
    h(
      'p',
      {},
      'Neem een van deze adressen op in uw agendaprogramma (Outlook, Google Agenda, Agenda). ' +
        'Het adres bevat uw eigen token: deel het niet.',
    ),
    h('ul', { class: 'plain' }, link('Alle termijnen die ik mag inzien', {})),
    h(
      'details',
      {},
      h('summary', {}, 'Per rol'),
      h(
        'ul',
        { class: 'plain' },
        Object.entries(labels.roles).map(([role, label]) =>
          link(`Termijnen voor ${label}`, { role }),
        ),
      ),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Per overheid'),
      h(
        'ul',
        { class: 'plain' },
        Object.entries(labels.parties).map(([party, label]) =>
          link(`Termijnen voor ${label}`, { party }),
        ),
      ),
    ),
  );
}
