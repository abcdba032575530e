/**
 * Bookkeeping of a run's deadlines: which are running, which reminders fall due, which deadlines
 * have passed. Pure functions of the records and the workflow's clock, so the host stays small and
 * this logic is tested without a server.
 */
import type { ProcessDefinition } from '../machines/process-definition';
import { calendarDaysBefore } from '../machines/dutch-time';
import type { DeadlineRecord, ReminderRecord } from './contract';

export function createDeadlines(definition: ProcessDefinition): DeadlineRecord[] {
  return Object.entries(definition.deadlines).map(([id, deadline]) => ({
    id,
    label: deadline.label,
    due: null,
    remindDaysBefore: [...deadline.remindDaysBefore],
    moment: deadline.moment ?? false,
    status: 'pending',
    reminders: [],
  }));
}

/** Reads each deadline's due instant from the machine; only pending deadlines may still move. */
export type DueReader = (id: string) => string | null;

/**
 * Starts the deadlines the machine now waits on, and ends those it no longer waits on. Reminders
 * whose moment already lies in the past when a deadline starts are not sent late.
 */
export function syncDeadlines(
  records: readonly DeadlineRecord[],
  waitedOn: ReadonlySet<string>,
  now: number,
  dueOf: DueReader,
  metOf: (id: string) => boolean = () => true,
): DeadlineRecord[] {
  const at = new Date(now).toISOString();
  return records.map((current) => {
    const waiting = waitedOn.has(current.id);
    if (current.status !== 'pending') return end(current, waiting, at, metOf(current.id));
    const read = dueOf(current.id);
    const due = read === null ? null : new Date(read).toISOString();
    if (!waiting || due === null) return { ...current, due };
    const reminders = plannedReminders(current.remindDaysBefore, due, now);
    return { ...current, due, status: 'running', startedAt: at, reminders };
  });
}

/** The reminders of a due moment that still lie ahead, in time order. */
export function plannedReminders(
  remindDaysBefore: readonly number[],
  due: string,
  now: number,
): ReminderRecord[] {
  return remindDaysBefore
    .map((daysBefore) => ({ daysBefore, scheduledFor: calendarDaysBefore(due, daysBefore) }))
    .filter((reminder) => Date.parse(reminder.scheduledFor) > now)
    .sort((a, b) => Date.parse(a.scheduledFor) - Date.parse(b.scheduledFor))
    .map((reminder) => ({ ...reminder, status: 'planned' as const }));
}

function end(record: DeadlineRecord, waiting: boolean, at: string, met: boolean): DeadlineRecord {
  if (waiting) return record;
  if (record.status === 'running' || record.status === 'suspended' || record.status === 'overdue') {
    const status = !met ? 'passedOn' : record.status === 'overdue' ? 'metLate' : 'met';
    return { ...record, status, endedAt: at };
  }
  return record;
}

export interface DueItem {
  kind: 'reminder' | 'deadline' | 'resumption';
  deadlineId: string;
  reminderIndex?: number;
}

/** When a suspended deadline resumes by itself, if it does (deadline-rules.ts). */
export type ResumptionReader = (record: DeadlineRecord) => number | undefined;

/**
 * Everything due at `now`: planned reminders of running deadlines, running deadlines past due,
 * and suspended deadlines whose suspension has reached its limit.
 */
export function dueItems(
  records: readonly DeadlineRecord[],
  now: number,
  resumesAt: ResumptionReader = () => undefined,
): DueItem[] {
  const items: DueItem[] = [];
  for (const record of records) {
    if (record.status === 'suspended') {
      const resumption = resumesAt(record);
      if (resumption !== undefined && resumption <= now)
        items.push({ kind: 'resumption', deadlineId: record.id });
    }
    if (record.status !== 'running') continue;
    record.reminders.forEach((reminder, index) => {
      if (reminder.status === 'planned' && Date.parse(reminder.scheduledFor) <= now) {
        items.push({ kind: 'reminder', deadlineId: record.id, reminderIndex: index });
      }
    });
    if (record.due !== null && Date.parse(record.due) <= now)
      items.push({ kind: 'deadline', deadlineId: record.id });
  }
  return items;
}

/** The next moment something falls due, or undefined when nothing is running. */
export function nextWakeUp(
  records: readonly DeadlineRecord[],
  resumesAt: ResumptionReader = () => undefined,
): number | undefined {
  const moments = records.flatMap((record) => {
    if (record.status === 'suspended') return [resumesAt(record) ?? Number.POSITIVE_INFINITY];
    if (record.status !== 'running') return [];
    return [
      record.due === null ? Number.POSITIVE_INFINITY : Date.parse(record.due),
      ...record.reminders
        .filter((reminder) => reminder.status === 'planned')
        .map((reminder) => Date.parse(reminder.scheduledFor)),
    ];
  });
  const next = Math.min(...moments);
  return Number.isFinite(next) ? next : undefined;
}

/** The soonest due date among deadlines still running or overdue (a suspended one has none). */
export function nextDeadline(records: readonly DeadlineRecord[]): string | null {
  const open = records
    .filter((record) => record.status === 'running' || record.status === 'overdue')
    .map((record) => record.due)
    .filter((due): due is string => due !== null)
    .sort();
  return open[0] ?? null;
}

export const isOverdue = (records: readonly DeadlineRecord[]): boolean =>
  records.some((record) => record.status === 'overdue');

export function updateDeadline(
  records: readonly DeadlineRecord[],
  id: string,
  change: (record: DeadlineRecord) => DeadlineRecord,
): DeadlineRecord[] {
  return records.map((record) => (record.id === id ? change(record) : record));
}
