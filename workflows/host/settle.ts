/**
 * The core of every decision: applying an event, and settling after any change (deadlines follow
 * the state, search attributes both, children and parents are told). Pure, like decide.ts.
 */
import { transition } from 'xstate';
import type { ProcessDefinition } from '../../machines/process-definition';
import type {
  ChildRecord,
  ChildReport,
  LinkRequest,
  ParentEvent,
  ReminderNotice,
  ReminderRecord,
} from '../contract';
import { syncDeadlines, type DueItem } from '../deadline-book';
import { machineAccepts, statePaths, waitedOnDeadlines } from '../snapshot-reading';
import { childEvents, childStarts, parentReports, type ChildEffect } from './children';
import type { AcceptedAdjustment, StampedEvent } from './gate';
import type { HostState } from './host-state';
import { STABLE_ATTRIBUTES_AT_START_PATCH, type Rules } from './patches';
import {
  searchAttributeChange,
  type AllowedReader,
  type SearchAttributeValues,
} from './visibility';

export interface HostContext {
  definition: ProcessDefinition;
  workflowId: string;
  businessKey: string;
  rules: Rules;
  allowed: AllowedReader;
  /** Whether DsoKind and DsoBusinessKey are set on this run already. */
  stableAttributesSet: () => boolean;
}

export type Effect =
  | ChildEffect
  | { type: 'upsertSearchAttributes'; values: SearchAttributeValues }
  | { type: 'deliverReminder'; deadlineId: string; index: number; notice: ReminderNotice };

export type Input =
  | { type: 'start' }
  | { type: 'event'; event: StampedEvent; updateId?: string }
  | { type: 'deadlineChange'; adjustment: AcceptedAdjustment; updateId?: string }
  | { type: 'childReport'; report: ChildReport }
  | { type: 'parentEvent'; request: ParentEvent }
  | { type: 'link'; link: LinkRequest }
  /** The first task of a run carried over by continue-as-new, when relinking holds (relink.ts). */
  | { type: 'continued' }
  | { type: 'due'; item: DueItem }
  | { type: 'childEnded'; key: string; status: ChildRecord['status']; output: unknown }
  | { type: 'childAdopted'; key: string }
  | { type: 'childEventUndelivered'; id: string }
  | { type: 'reminderOutcome'; deadlineId: string; index: number; change: Partial<ReminderRecord> };

export interface Decision {
  state: HostState;
  effects: Effect[];
  /** Whether the main loop should look again (what was due, what is due next). */
  wake: boolean;
  /** Why an input changed nothing, for the workflow's log. */
  note?: { message: string; data: Record<string, unknown> };
}

export const MAX_REMEMBERED_UPDATES = 2000;
export const unchanged = (state: HostState, note?: Decision['note']): Decision => ({
  state,
  effects: [],
  wake: false,
  ...(note ? { note } : {}),
});

/** The search attributes, upserted where they changed. */
export function refreshed(ctx: HostContext, state: HostState, at: string): Decision {
  const change = searchAttributeChange(
    ctx.definition,
    state,
    ctx.businessKey,
    at,
    ctx.rules,
    ctx.allowed,
    ctx.stableAttributesSet,
  );
  if (!change) return { state, effects: [], wake: true };
  return {
    state: { ...state, lastSearchAttributes: change.serialised },
    effects: [{ type: 'upsertSearchAttributes', values: change.values }],
    wake: true,
  };
}

/**
 * After any change: deadlines follow the state, search attributes follow both, children the
 * state asks for are started, their events sent, parents told. The deadlines the state waits on
 * leave out those added after this run began (`since`: false only replaying older history).
 */
export function settle(ctx: HostContext, state: HostState, now: number): Decision {
  const { definition, rules } = ctx;
  const at = new Date(now).toISOString();
  const { snapshot } = state;
  const armed = new Set(
    [...waitedOnDeadlines(snapshot)].filter((id) => {
      const since = definition.deadlines[id]?.since;
      return since === undefined || rules.patched(since);
    }),
  );
  const deadlines = syncDeadlines(
    state.deadlines,
    armed,
    now,
    (id) => definition.deadlines[id]?.due(snapshot) ?? null,
    (id) => definition.deadlines[id]?.metWhen?.(snapshot) ?? true,
  );
  const attributes = refreshed(ctx, { ...state, deadlines }, at);
  const starts = childStarts(definition, attributes.state, ctx.workflowId, at, rules, () =>
    rules.patched(STABLE_ATTRIBUTES_AT_START_PATCH),
  );
  const afterStarts = { ...attributes.state, children: starts.children };
  const sent = childEvents(definition, afterStarts, ctx.workflowId);
  const afterSent = { ...afterStarts, sentChildEvents: sent.sentChildEvents };
  const reports = parentReports(definition, afterSent, ctx.workflowId);
  return {
    state: { ...afterSent, lastReports: reports.lastReports },
    effects: [...attributes.effects, ...starts.effects, ...sent.effects, ...reports.effects],
    wake: true,
  };
}

/** Applies an event the machine accepts, records it in the audit trail, and settles. */
export function applyEvent(
  ctx: HostContext,
  state: HostState,
  event: StampedEvent,
  now: number,
  /** What the audit trail keeps of the event, when not all of it (e.g. a child's report). */
  auditAs?: { type: string } & Record<string, unknown>,
): Decision {
  const from = statePaths(state.snapshot);
  const [snapshot] = transition(
    ctx.definition.machine,
    state.snapshot,
    event as Parameters<typeof transition>[2],
  );
  const { actor, at, ...all } = event;
  const entry = {
    seq: state.history.length + 1,
    at,
    actor,
    event: auditAs ?? all,
    from,
    to: statePaths(snapshot),
  };
  return settle(
    ctx,
    { ...state, snapshot, history: [...state.history, entry], updatedAt: at },
    now,
  );
}

/** Applies a system event where the machine takes it; settles either way. */
export function offer(
  ctx: HostContext,
  state: HostState,
  event: StampedEvent,
  now: number,
  auditAs?: { type: string } & Record<string, unknown>,
): Decision {
  return machineAccepts(state.snapshot, event)
    ? applyEvent(ctx, state, event, now, auditAs)
    : settle(ctx, state, now);
}

export const remember = (state: HostState, updateId: string | undefined): HostState =>
  updateId === undefined
    ? state
    : {
        ...state,
        appliedUpdateIds: [...state.appliedUpdateIds, updateId].slice(-MAX_REMEMBERED_UPDATES),
      };

export const then = (first: Decision, next: (state: HostState) => Decision): Decision => {
  const second = next(first.state);
  return {
    state: second.state,
    effects: [...first.effects, ...second.effects],
    wake: first.wake || second.wake,
  };
};
