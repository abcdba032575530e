/**
 * The run's memo `dsoView`: the few fields the inbox and the calendar feed show, so that both are
 * answered from one visibility listing instead of one view query per run (issue 17). Bounded in
 * size: a memo that would pass VIEW_MEMO_MAX_CHARS is written `partial`, and readers fall back
 * to the run's view for that run alone. Pure, like the rest of visibility.
 */
import type { AllowedEvent, DeadlineRecord } from '../contract';

/** The memo key; `idempotencyKey` and `requestDigest` (set at the start) are the others. */
export const VIEW_MEMO_KEY = 'dsoView';
/** The memo's JSON at most; the largest definition's answer is far below (about 2 KB). */
export const VIEW_MEMO_MAX_CHARS = 16_000;

/** Only deadlines with these statuses are shown (the calendar's `statusLabels`). */
const SHOWN_STATUSES: ReadonlySet<DeadlineRecord['status']> = new Set([
  'pending',
  'running',
  'overdue',
  'suspended',
]);

export interface MemoReminder {
  daysBefore: number;
  scheduledFor: string;
}

export interface MemoDeadline {
  id: string;
  label: string;
  due: string;
  moment: boolean;
  status: DeadlineRecord['status'];
  /** How often it was adjusted, plus one once overdue: the calendar's SEQUENCE. */
  revision: number;
  reminders: MemoReminder[];
}

export interface ViewMemo {
  v: 1;
  title: string;
  summary: string;
  stateLabels: string[];
  allowedEvents: AllowedEvent[];
  /** The deadlines with a due date that are still to come or passed unmet. */
  deadlines: MemoDeadline[];
  /** When what the memo shows last changed (the calendar's DTSTAMP). */
  updatedAt: string;
  /** Too large to hold all: readers ask the run's view instead. */
  partial?: true;
}

export interface ViewMemoSource {
  title: string;
  summary: string;
  stateLabels: string[];
  allowedEvents: readonly AllowedEvent[];
  deadlines: readonly DeadlineRecord[];
  updatedAt: string;
}

const memoDeadline = (deadline: DeadlineRecord & { due: string }): MemoDeadline => ({
  id: deadline.id,
  label: deadline.label,
  due: deadline.due,
  moment: deadline.moment,
  status: deadline.status,
  revision: (deadline.adjustments?.length ?? 0) + (deadline.status === 'overdue' ? 1 : 0),
  reminders: deadline.reminders.map(({ daysBefore, scheduledFor }) => ({
    daysBefore,
    scheduledFor,
  })),
});

/**
 * The memo for this moment, and the part of it that decides whether to upsert (everything but
 * `updatedAt`, which moves with every event even where nothing shown changed).
 */
export function viewMemo(source: ViewMemoSource): { memo: ViewMemo; compared: string } {
  const shown = {
    v: 1 as const,
    title: source.title,
    summary: source.summary,
    stateLabels: source.stateLabels,
    allowedEvents: [...source.allowedEvents],
    deadlines: source.deadlines
      .filter(
        (deadline): deadline is DeadlineRecord & { due: string } =>
          deadline.due !== null && SHOWN_STATUSES.has(deadline.status),
      )
      .map(memoDeadline),
  };
  const compared = JSON.stringify(shown);
  if (compared.length <= VIEW_MEMO_MAX_CHARS) {
    return { memo: { ...shown, updatedAt: source.updatedAt }, compared };
  }
  const partial: ViewMemo = {
    v: 1,
    title: source.title,
    summary: '',
    stateLabels: [],
    allowedEvents: [],
    deadlines: [],
    updatedAt: source.updatedAt,
    partial: true,
  };
  return { memo: partial, compared };
}
