/**
 * Operators' suspension, resumption and extension of a running deadline: the request's schema and
 * the pure change of a deadline record. The host checks who may, and records it in the history.
 */
import { z } from 'zod';
import { deadlineSchema } from '../machines/date-schemas';
import { text } from '../machines/event-parts';
import { addDays, dayUnitSchema } from '../machines/working-days';
import type { Actor } from '../machines/actors';
import type { DeadlineLimit } from '../machines/process-definition';
import type { DeadlineAction, DeadlineAdjustment, DeadlineRecord } from './contract';
import { plannedReminders } from './deadline-book';
import {
  amsterdamDate,
  amsterdamMidnight,
  calendarDaysBefore,
  describeMoment,
} from '../machines/dutch-time';
import { automaticResumption } from './deadline-rules';

const reason = text(1000).min(1, 'a reason is required');

export const deadlineChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('suspend'), reason }).strict(),
  z.object({ action: z.literal('resume'), reason }).strict(),
  z
    .object({
      action: z.literal('extend'),
      reason,
      /** The new due moment: a date (00:00 Amsterdam time that day) or an instant. */
      until: deadlineSchema.optional(),
      /** Or this many days after the current due moment, in `unit` (calendar days by default). */
      days: z.number().int().min(1).max(730).optional(),
      unit: dayUnitSchema.optional(),
    })
    .strict()
    .refine((change) => (change.until === undefined) !== (change.days === undefined), {
      error: 'give either until (a later date) or days',
      path: ['until'],
    })
    .refine((change) => change.unit === undefined || change.days !== undefined, {
      error: 'unit goes with days',
      path: ['unit'],
    }),
]);
export type DeadlineChange = z.output<typeof deadlineChangeSchema>;

/** The audit history's event type for each action. */
export const adjustmentEventTypes: Record<DeadlineAction, string> = {
  suspend: 'DEADLINE_SUSPENDED',
  resume: 'DEADLINE_RESUMED',
  extend: 'DEADLINE_EXTENDED',
};

export type AdjustmentResult =
  | { ok: true; record: DeadlineRecord; adjustment: DeadlineAdjustment }
  /** `rule`: the API's problem type, where it is not "the state does not allow it". */
  | { ok: false; reason: string; rule?: 'limit-of-the-arrangement' };

const DAY_MS = 86_400_000;

/** Whether a due moment is 00:00 in Amsterdam: a term that ends with a whole day. */
const isWholeDay = (due: string) =>
  amsterdamMidnight(amsterdamDate(due)) === new Date(Date.parse(due)).toISOString();

/**
 * The due moment after a suspension of `suspendedMs`. A term that ends with a whole day moves by
 * whole calendar days, the suspension rounded up to the next day, so it still ends with a day
 * (Algemene termijnenwet: terms run in days; the party never loses part of a day it was held
 * up). Runs that resumed before this rule (`wholeDays` false) moved by the exact time.
 */
function resumedDue(due: string, suspendedMs: number, wholeDays: () => boolean): string {
  if (suspendedMs > 0 && isWholeDay(due) && wholeDays()) {
    return calendarDaysBefore(due, -Math.ceil(suspendedMs / DAY_MS));
  }
  return new Date(Date.parse(due) + suspendedMs).toISOString();
}

/** Why a due moment lies past the limit, naming both, in Dutch and English. */
function pastLimit(dueAfter: string, limit: DeadlineLimit): string {
  const after = describeMoment(dueAfter);
  const latest = describeMoment(limit.at);
  return (
    `de nieuwe termijn (${after.nl}) ligt na de uiterste termijn ${latest.nl}: ${limit.nl} / ` +
    `the new due moment (${after.en}) lies past the latest permitted, ${latest.en}: ${limit.en}`
  );
}

/**
 * The deadline after the change, or why it cannot be made now. Only running deadlines can be
 * suspended, only suspended ones resumed; running and suspended ones can be extended to a later
 * due moment. A deadline that has passed stays passed: the machine has already acted on it.
 * Neither an extension nor the time suspended carries the due moment past `limit` (see
 * deadline-rules.ts); a suspension that reaches it ends there. Without a limit none applies (runs
 * replaying from before limits existed). `wholeDays` says whether a resumption moves a whole-day
 * term by whole days (see `resumedDue`); it is asked only then, so the host may ask `patched`.
 */
export function adjustDeadline(
  record: DeadlineRecord,
  change: DeadlineChange,
  by: Actor,
  now: number,
  limit: DeadlineLimit | null,
  wholeDays: () => boolean = () => true,
): AdjustmentResult {
  const at = new Date(now).toISOString();
  const due = record.due;
  if (due === null || (record.status !== 'running' && record.status !== 'suspended')) {
    return { ok: false, reason: `the deadline "${record.label}" is ${record.status}, not running` };
  }
  // Past due but not yet passed by the host (its timer is a moment behind): the machine is about
  // to hear of it, and a deadline that has passed stays passed.
  if (record.status === 'running' && Date.parse(due) <= now) {
    return { ok: false, reason: `the deadline "${record.label}" has passed` };
  }
  const adjustment = (dueAfter: string, extra: Partial<DeadlineAdjustment> = {}) => ({
    action: change.action,
    at,
    by,
    reason: change.reason,
    dueBefore: due,
    dueAfter,
    ...extra,
  });
  const adjustments = record.adjustments ?? [];
  switch (change.action) {
    case 'suspend': {
      if (record.status === 'suspended') return { ok: false, reason: 'already suspended' };
      if (limit !== null && Date.parse(due) >= Date.parse(limit.at)) {
        const latest = describeMoment(limit.at);
        return {
          ok: false,
          rule: 'limit-of-the-arrangement',
          reason:
            `de termijn staat al op de uiterste termijn ${latest.nl} (${limit.nl}); opschorten zou hem verder schuiven / ` +
            `the deadline is at its latest permitted due moment, ${latest.en} (${limit.en}); a suspension would move it further`,
        };
      }
      const done = adjustment(due);
      const next = { ...record, status: 'suspended' as const, suspendedAt: at };
      return {
        ok: true,
        record: { ...next, adjustments: [...adjustments, done] },
        adjustment: done,
      };
    }
    case 'resume': {
      if (record.status !== 'suspended' || record.suspendedAt === undefined)
        return { ok: false, reason: 'not suspended' };
      // A resumption the host has not yet made by itself ends where that would have.
      const endedAt = Math.min(now, automaticResumption(record, limit) ?? now);
      const suspendedMs = endedAt - Date.parse(record.suspendedAt);
      const moved = resumedDue(due, suspendedMs, wholeDays);
      // Rounding up to whole days stops at the limit, as the suspension itself does.
      const dueAfter =
        limit !== null && Date.parse(moved) > Date.parse(limit.at)
          ? new Date(Math.max(Date.parse(limit.at), Date.parse(due))).toISOString()
          : moved;
      const done = adjustment(dueAfter, { suspendedMs });
      const next: DeadlineRecord = {
        ...record,
        suspendedAt: undefined,
        status: 'running',
        due: dueAfter,
        reminders: replan(record, dueAfter, now, false),
        adjustments: [...adjustments, done],
      };
      return { ok: true, record: next, adjustment: done };
    }
    case 'extend': {
      const dueAfter = change.until ?? addDays(due, change.days ?? 0, change.unit ?? 'calendar');
      if (Date.parse(dueAfter) <= Date.parse(due))
        return { ok: false, reason: `the new due moment must lie after ${due}` };
      if (limit !== null && Date.parse(dueAfter) > Date.parse(limit.at))
        return { ok: false, reason: pastLimit(dueAfter, limit), rule: 'limit-of-the-arrangement' };
      const done = adjustment(dueAfter);
      const next: DeadlineRecord = {
        ...record,
        due: dueAfter,
        reminders: replan(record, dueAfter, now, true),
        adjustments: [...adjustments, done],
      };
      return { ok: true, record: next, adjustment: done };
    }
  }
}

/**
 * Reminders for a moved due moment: those already given stay on record; the rest are planned
 * anew. After a resumption a reminder already given is not repeated (the date moved by the pause
 * only); after an extension every reminder still ahead goes out again, for the new date.
 */
function replan(
  record: DeadlineRecord,
  due: string,
  now: number,
  again: boolean,
): DeadlineRecord['reminders'] {
  const given = record.reminders.filter((reminder) => reminder.status !== 'planned');
  const givenDays = new Set(given.map((reminder) => reminder.daysBefore));
  const planned = plannedReminders(record.remindDaysBefore, due, now).filter(
    (reminder) => again || !givenDays.has(reminder.daysBefore),
  );
  return [...given, ...planned];
}
