/**
 * The building blocks the case-content renderers share: a titled block, a list of facts, money in
 * euros, who did something and when, in Dutch. Labels live here rather than coming from
 * machines/actors.ts, whose zod schemas would weigh the page's bundle down by some 700 kB.
 */
import { calendarDateText, dueText, momentText } from '../../../../machines/due-date-display';
import type { DeadlineRecord } from '../../../../workflows/contract';
import { h, type Children } from '../dom';

/** The bodies and organisations as the case pages name them, short. */
export const roleNames: Record<string, string> = {
  minister: 'Minister van BZK',
  bo: 'Bestuurlijk Overleg',
  ogb: 'OGB Beheer',
  sbo: 'SBO',
  tbo: 'TBO',
  obo: 'OBO',
  programme: 'Programma DSO',
  developer: 'Ontwikkelpartij',
  system: 'het systeem',
};

/** As activities/party-labels.ts names them; a copy, since the page may import types only. */
const partyLabels: Record<string, string> = {
  rijk: 'Rijk',
  vng: 'VNG (gemeenten)',
  ipo: 'IPO (provincies)',
  uvw: 'Unie van Waterschappen',
};

export const partyName = (party: string): string => partyLabels[party] ?? party;

/** Integer euro cents as Dutch money: "€ 1.234,56". */
export function euros(cents: number): string {
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/**
 * A calendar date (YYYY-MM-DD) in words, or an instant as its Amsterdam day (and time, unless it
 * is 00:00), by the shared date rule: a meeting is shown on its own day.
 */
export function when(value: string | null | undefined): string {
  if (!value) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? calendarDateText(value) : momentText(value);
}

/** "door tbo op 3 maart 2027 om 10:15": who did it and when. */
export function signed(record: { by: string; at: string } | null | undefined): string {
  if (!record) return '';
  return `door ${record.by} op ${when(record.at)}`;
}

/** A block of the case's content with its own heading (h3 under "Inhoud van de zaak"). */
export function block(title: string, ...children: Children[]): HTMLElement {
  return h('section', { class: 'case-block', 'aria-label': title }, h('h3', {}, title), children);
}

/** A definition list of facts; rows without a value are left out. */
export function facts(rows: [string, Children][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    rows
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
  );
}

/** Free text an operator typed: its line breaks kept, set as text. */
export const prose = (text: string | null | undefined): HTMLElement | string =>
  text ? h('p', { class: 'case-text' }, text) : '';

/** A table with a caption-like label, one header row and text cells. */
export function table(label: string, headers: string[], rows: Children[][]): HTMLElement {
  return h(
    'table',
    { 'aria-label': label, class: 'case-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([first, ...rest]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, first),
          rest.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

/** A deadline of the run by its id, in words by the shared rule ("uiterlijk 30 juni 2027"). */
export function deadlineText(deadlines: DeadlineRecord[], id: string): string | undefined {
  const deadline = deadlines.find((d) => d.id === id);
  if (!deadline?.due) return undefined;
  return dueText(deadline.due, { moment: deadline.moment });
}

/** "Ja" / "Nee" / "nog niet bekend". */
export const yesNo = (value: boolean | null | undefined): string =>
  value === null || value === undefined ? 'nog niet bekend' : value ? 'ja' : 'nee';
