/** The text of a reminder e-mail: Dutch first, then English; plain text and simple HTML. */
import { partyLabels } from './party-labels';
import { roleLabels } from '../machines/actors';
import { organisationLabel } from '../machines/organisations';
import { dueText } from '../machines/due-date-display';
import type { ReminderNotice } from '../workflows/contract';

export interface ReminderMessage {
  subject: string;
  text: string;
  html: string;
}

const amsterdam = (locale: string, instant: string) =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(instant));

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/**
 * The dashboard's page of a run (its hash router's `#/process/{id}`, server/dashboard/src/main.ts):
 * people follow the link from mail and calendars, so it opens the page, not the JSON API.
 */
export function processLink(baseUrl: string, processId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#/process/${encodeURIComponent(processId)}`;
}

function whoMustAct(notice: ReminderNotice): string[] {
  if (notice.waitingOn.length === 0) return ['—'];
  return notice.waitingOn.map(({ role, party, organisation, events }) => {
    const who = party ? partyLabels[party] : organisation && organisationLabel(organisation);
    return `${roleLabels[role]}${who ? ` (${who})` : ''}: ${events.join(', ')}`;
  });
}

export function reminderMessage(notice: ReminderNotice, baseUrl: string): ReminderMessage {
  const days = notice.daysBefore;
  const link = processLink(baseUrl, notice.processId);
  const subject =
    `[DSO-LV] Herinnering: ${notice.deadline.label} – ${notice.title} ${notice.businessKey} ` +
    `(nog ${String(days)} ${days === 1 ? 'dag' : 'dagen'})`;
  const acting = whoMustAct(notice);
  const moment = notice.deadline.moment === true;
  const dutch: [string, string][] = [
    ['Proces', `${notice.title} ${notice.businessKey} (${notice.processId})`],
    ['Termijn', notice.deadline.label],
    // The same words as the dashboard and the calendar feed (machines/due-date-display.ts).
    ['Wanneer', dueText(notice.deadline.due, { moment })],
    ['Vervalt', `${amsterdam('nl-NL', notice.deadline.due)} (Amsterdamse tijd)`],
    ['Herinnering', `${String(days)} ${days === 1 ? 'dag' : 'dagen'} vooraf`],
    ['Stand', notice.summary],
  ];
  const english: [string, string][] = [
    ['Process', `${notice.title} ${notice.businessKey} (${notice.processId})`],
    ['Deadline', notice.deadline.label],
    ['When', dueText(notice.deadline.due, { moment, language: 'en' })],
    ['Due', `${amsterdam('en-GB', notice.deadline.due)} (Amsterdam time)`],
    ['Reminder', `${String(days)} ${days === 1 ? 'day' : 'days'} before`],
    ['Status', notice.summary],
  ];
  const textBlock = (heading: string, rows: [string, string][], actLabel: string, open: string) =>
    [
      heading,
      ...rows.map(([name, value]) => `${name}: ${value}`),
      `${actLabel}:`,
      ...acting.map((line) => `  - ${line}`),
      `${open}: ${link}`,
    ].join('\n');
  const htmlBlock = (heading: string, rows: [string, string][], actLabel: string, open: string) =>
    `<h2>${escapeHtml(heading)}</h2><table>${rows
      .map(([name, value]) => `<tr><th align="left">${name}</th><td>${escapeHtml(value)}</td></tr>`)
      .join('')}</table><p>${actLabel}:</p><ul>${acting
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul><p><a href="${escapeHtml(link)}">${open}</a></p>`;
  return {
    subject,
    text: [
      textBlock('Herinnering', dutch, 'Aan zet', 'Bekijk het proces'),
      textBlock('Reminder (English)', english, 'Who must act', 'Open the process'),
    ].join('\n\n'),
    html:
      '<!doctype html><html><body>' +
      htmlBlock('Herinnering', dutch, 'Aan zet', 'Bekijk het proces') +
      '<hr>' +
      htmlBlock('Reminder (English)', english, 'Who must act', 'Open the process') +
      '</body></html>',
  };
}
