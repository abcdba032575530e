/**
 * The iCalendar feed of deadlines (`GET /api/v1/deadlines/calendar.ics`): one event per deadline with a due
 * date in a running process, its reminders as alarms at the moments the workflow sends them.
 * Calendar clients subscribe by URL and cannot send headers, so this read-only route also takes
 * the operator's token as `?token=`.
 */
import type { RequestHandler } from 'express';
import ical, { ICalAlarmType } from 'ical-generator';
import { z } from 'zod';
import { partyLabels } from '../activities/party-labels';
import { processLink } from '../activities/reminder-message';
import { partySchema, roleLabels, roleSchema, type Party } from '../machines/actors';
import { displayDay, dueText, isAmsterdamMidnight } from '../machines/due-date-display';
import { withoutForbidden } from '../machines/text-characters';
import { organisationLabel } from '../machines/organisations';
import type { AllowedEvent, DeadlineRecord, ProcessView } from '../workflows/contract';
import type { MemoDeadline, ViewMemo } from '../workflows/host/view-memo';
import { badRequest, HttpError } from './http-errors';
import type { ProcessService } from './process-service';
import { defaultActors, type TokenRegistry } from './tokens';

export const calendarQuerySchema = z
  .object({
    party: partySchema.optional(),
    role: roleSchema.optional(),
    token: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,200}$/, 'a token as in the token file')
      .optional(),
  })
  .strict();
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

const DAY_MS = 86_400_000;
/**
 * Texts from runs, without control and bidi formatting characters: inputs refuse them today, but a
 * record may predate that, and a subscriber's client must not show a disguised or broken entry.
 */
const oneLine = (value: string) => withoutForbidden(value, false);
const lines = (value: string) => withoutForbidden(value, true);
const summarySuffix: Partial<Record<DeadlineRecord['status'], string>> = {
  overdue: ' (te laat)',
  suspended: ' (opgeschort)',
};
const statusLabels: Partial<Record<DeadlineRecord['status'], string>> = {
  pending: 'nog niet gestart',
  running: 'loopt',
  overdue: 'verstreken (te laat)',
  suspended: 'opgeschort (de datum schuift bij hervatten)',
};

/**
 * What the feed shows of one running process: its memo (workflows/host/view-memo.ts), or the
 * same taken from its view for a run without one.
 */
export interface CalendarEntry extends Pick<
  ViewMemo,
  'title' | 'summary' | 'allowedEvents' | 'deadlines' | 'updatedAt'
> {
  id: string;
  businessKey: string;
}

/**
 * The event's SEQUENCE (RFC 5545 §3.8.7.4): clients take an update only when it rose. Each
 * suspension, resumption and extension is one adjustment on record, and passing is the last
 * change a deadline has, so the count only grows. The host works it out into the memo alike.
 */
const revision = (deadline: DeadlineRecord): number =>
  (deadline.adjustments?.length ?? 0) + (deadline.status === 'overdue' ? 1 : 0);

/** A view as the feed's entry: the deadlines the memo would hold, nothing else. */
export function entryOfView(view: ProcessView): CalendarEntry {
  const deadlines: MemoDeadline[] = [];
  for (const deadline of view.deadlines) {
    if (deadline.due === null || statusLabels[deadline.status] === undefined) continue;
    deadlines.push({
      id: deadline.id,
      label: deadline.label,
      due: deadline.due,
      moment: deadline.moment,
      status: deadline.status,
      revision: revision(deadline),
      reminders: deadline.reminders.map(({ daysBefore, scheduledFor }) => ({
        daysBefore,
        scheduledFor,
      })),
    });
  }
  return {
    id: view.id,
    businessKey: view.businessKey,
    title: view.title,
    summary: view.summary,
    allowedEvents: view.allowedEvents,
    deadlines,
    updatedAt: view.updatedAt,
  };
}

/** Whether a member of this government may send the event: its own, or any member's. */
function partyMayAct(event: AllowedEvent, party: Party): boolean {
  if (event.party) return event.party === party;
  return defaultActors().some((actor) => actor.role === event.role && actor.party === party);
}

function concerns(view: CalendarEntry, query: CalendarQuery): boolean {
  if (!query.party && !query.role) return true;
  return view.allowedEvents.some(
    (event) =>
      (!query.role || event.role === query.role) &&
      (!query.party || partyMayAct(event, query.party)),
  );
}

function whoMustAct(view: CalendarEntry): string[] {
  const lines = new Map<string, string[]>();
  for (const event of view.allowedEvents) {
    const of = event.party
      ? partyLabels[event.party]
      : event.organisation && organisationLabel(event.organisation);
    const who = `${roleLabels[event.role]}${of ? ` (${of})` : ''}`;
    lines.set(who, [...new Set([...(lines.get(who) ?? []), event.label])]);
  }
  return [...lines].map(([who, labels]) => `- ${who}: ${labels.join('; ')}`);
}

export function buildCalendar(
  views: CalendarEntry[],
  query: CalendarQuery,
  publicBaseUrl: string,
): string {
  const calendar = ical({
    name: `DSO-LV termijnen${query.party ? ` – ${partyLabels[query.party]}` : ''}${query.role ? ` – ${roleLabels[query.role]}` : ''}`,
    prodId: { company: 'DSO-LV beheer', product: 'termijnen', language: 'NL' },
    // A hint to clients how often to refresh a subscription.
    ttl: 3600,
  });
  for (const view of views.filter((v) => concerns(v, query))) {
    const link = processLink(publicBaseUrl, view.id);
    for (const deadline of view.deadlines) {
      const status = statusLabels[deadline.status];
      if (status === undefined) continue;
      const due = new Date(deadline.due);
      // At 00:00 in Amsterdam a whole day: a deadline's last day to act, a moment's own day
      // (machines/due-date-display.ts, the rule the page and the e-mail follow too).
      const wholeDay = isAmsterdamMidnight(deadline.due);
      const lastDay = displayDay(deadline.due, deadline.moment);
      const event = calendar.createEvent({
        // Stable per process and deadline: a client updates the event instead of adding one.
        id: oneLine(`${view.id}/${deadline.id}@dso-lv`),
        sequence: deadline.revision,
        stamp: new Date(view.updatedAt),
        summary: oneLine(
          `${deadline.label} – ${view.title} ${view.businessKey}${summarySuffix[deadline.status] ?? ''}`,
        ),
        description: lines(
          [
            `Proces: ${view.title} ${view.businessKey} (${view.id})`,
            `Termijn: ${deadline.label} – ${status}`,
            `Wanneer: ${dueText(deadline.due, { moment: deadline.moment })}`,
            `Vervalt: ${new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }).format(due)} (Amsterdamse tijd)`,
            `Stand: ${view.summary}`,
            'Aan zet:',
            ...(view.allowedEvents.length > 0 ? whoMustAct(view) : ['- niemand']),
            link,
          ].join('\n'),
        ),
        url: link,
        ...(wholeDay
          ? {
              allDay: true,
              start: new Date(`${lastDay}T00:00:00Z`),
              end: new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS),
            }
          : { start: due }),
      });
      // A suspended deadline sends no reminders until it is resumed.
      for (const reminder of deadline.status === 'suspended' ? [] : deadline.reminders) {
        event.createAlarm({
          type: ICalAlarmType.display,
          trigger: new Date(reminder.scheduledFor),
          description: oneLine(
            `Herinnering: ${deadline.label} – nog ${String(reminder.daysBefore)} ${reminder.daysBefore === 1 ? 'dag' : 'dagen'}`,
          ),
        });
      }
    }
  }
  return calendar.toString();
}

export function calendarRoute(deps: {
  processes: ProcessService;
  tokens: TokenRegistry;
  publicBaseUrl: string | undefined;
}): RequestHandler {
  return async (request, response) => {
    const query = calendarQuerySchema.safeParse(request.query);
    if (!query.success)
      throw badRequest('invalid_query', 'invalid query string', query.error, 'query');
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
    const token = bearer ?? query.data.token;
    const actor = token ? deps.tokens.actorFor(token) : undefined;
    if (!actor) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="dso-lv"');
      throw new HttpError(
        401,
        'unauthenticated',
        'send "Authorization: Bearer <token>", or ?token=<token> from a calendar client',
      );
    }
    const baseUrl = deps.publicBaseUrl ?? `${request.protocol}://${request.get('host') ?? ''}`;
    const body = buildCalendar(await deps.processes.calendarEntries(actor), query.data, baseUrl);
    response
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', 'inline; filename="dso-lv-termijnen.ics"')
      .send(body);
  };
}
