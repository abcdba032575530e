/**
 * Deadline decisions of the host: a deadline that passes, a reminder that falls due and its
 * outcome, a suspension that ends by itself, an operator's change recorded. Pure; deadline-book.ts
 * keeps the records themselves.
 */
import { systemActor } from '../../machines/actors';
import type { ProcessDefinition } from '../../machines/process-definition';
import type { DeadlineRecord, ReminderNotice, ReminderRecord } from '../contract';
import { adjustDeadline, adjustmentEventTypes } from '../deadline-adjustment';
import { dueItems, updateDeadline, type DueItem, type ResumptionReader } from '../deadline-book';
import { automaticResumption, automaticResumptionReason } from '../deadline-rules';
import { statePaths } from '../snapshot-reading';
import { limitOf, type AcceptedAdjustment } from './gate';
import type { HostState } from './host-state';
import { DEADLINE_RULES_PATCH, WHOLE_DAY_RESUME_PATCH, type Rules } from './patches';
import type { AllowedReader } from './visibility';

/**
 * When suspended deadlines resume by themselves, once any is suspended; runs recorded before the
 * bounds had none (and never asked `patched` while nothing was suspended).
 */
export function resumptions(
  definition: ProcessDefinition,
  state: HostState,
  rules: Rules,
): ResumptionReader | undefined {
  return state.deadlines.some((record) => record.status === 'suspended') &&
    rules.patched(DEADLINE_RULES_PATCH)
    ? (record: DeadlineRecord) => automaticResumption(record, limitOf(definition, state, record))
    : undefined;
}

export const dueNow = (
  definition: ProcessDefinition,
  state: HostState,
  now: number,
  rules: Rules,
): DueItem[] => dueItems(state.deadlines, now, resumptions(definition, state, rules));

/** Marks a running deadline passed: reached for a moment, overdue for a deadline. */
export function markPassed(state: HostState, deadlineId: string): HostState | undefined {
  if (state.deadlines.find((d) => d.id === deadlineId)?.status !== 'running') return undefined;
  return {
    ...state,
    deadlines: updateDeadline(state.deadlines, deadlineId, (d) => ({
      ...d,
      status: d.moment ? 'reached' : 'overdue',
    })),
  };
}

/** Records a deadline change in the deadlines and the audit history. */
export function recordAdjustment(
  state: HostState,
  { record, adjustment }: AcceptedAdjustment,
): HostState {
  const { action, at, by, ...recorded } = adjustment;
  const paths = statePaths(state.snapshot);
  return {
    ...state,
    deadlines: updateDeadline(state.deadlines, record.id, () => record),
    history: [
      ...state.history,
      {
        seq: state.history.length + 1,
        at,
        actor: by,
        event: { type: adjustmentEventTypes[action], deadline: record.id, ...recorded },
        from: paths,
        to: paths,
      },
    ],
    updatedAt: at,
  };
}

/** Ends a suspension that has reached the deadline's limit: it runs again, due at the limit. */
export function resumeByItself(
  definition: ProcessDefinition,
  state: HostState,
  deadlineId: string,
  now: number,
  rules: Rules,
): HostState | undefined {
  const record = state.deadlines.find((d) => d.id === deadlineId);
  if (record?.status !== 'suspended') return undefined;
  const limit = limitOf(definition, state, record);
  const result = adjustDeadline(
    record,
    { action: 'resume', reason: automaticResumptionReason(limit) },
    systemActor,
    now,
    limit,
    () => rules.patched(WHOLE_DAY_RESUME_PATCH),
  );
  return result.ok ? recordAdjustment(state, result) : undefined;
}

export function markReminder(
  state: HostState,
  deadlineId: string,
  index: number,
  change: Partial<ReminderRecord>,
): HostState {
  return {
    ...state,
    deadlines: updateDeadline(state.deadlines, deadlineId, (d) => ({
      ...d,
      reminders: d.reminders.map((r, i) => (i === index ? { ...r, ...change } : r)),
    })),
  };
}

/**
 * A reminder that falls due: marked as being sent, with what the reminder activity is told. The
 * recipients are, per role and per party or organisation where only its own may act, who may act.
 */
export function startReminder(
  definition: ProcessDefinition,
  state: HostState,
  item: { deadlineId: string; index: number },
  ids: { workflowId: string; businessKey: string },
  allowed: () => ReturnType<AllowedReader>,
): { state: HostState; notice: ReminderNotice } | undefined {
  const record = state.deadlines.find((d) => d.id === item.deadlineId);
  const reminder = record?.reminders[item.index];
  // The list of due items may be stale: an earlier item can have ended this deadline.
  if (record?.status !== 'running' || reminder?.status !== 'planned' || record.due === null) {
    return undefined;
  }
  const next = markReminder(state, item.deadlineId, item.index, { status: 'sending' });
  const waitingOn = new Map<string, ReminderNotice['waitingOn'][number]>();
  for (const event of allowed()) {
    const narrowedTo = event.party ?? event.organisation;
    const key = narrowedTo ? `${event.role}:${narrowedTo}` : event.role;
    const entry = waitingOn.get(key);
    waitingOn.set(key, {
      role: event.role,
      ...(event.party ? { party: event.party } : {}),
      ...(event.organisation ? { organisation: event.organisation } : {}),
      events: [...new Set([...(entry?.events ?? []), event.type])],
    });
  }
  return {
    state: next,
    notice: {
      processId: ids.workflowId,
      kind: definition.kind,
      title: definition.title,
      businessKey: ids.businessKey,
      summary: definition.summary(state.snapshot),
      // Only a moment says so: a deadline's notice stays as it was for the runs on record.
      deadline: {
        id: record.id,
        label: record.label,
        due: record.due,
        ...(record.moment ? { moment: true } : {}),
      },
      daysBefore: reminder.daysBefore,
      scheduledFor: reminder.scheduledFor,
      waitingOn: [...waitingOn.values()],
    },
  };
}
