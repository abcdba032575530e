/**
 * What others see of a run: its search attributes, the `view` and `history` queries, and the
 * small answer to an accepted change. Pure functions of the state and the moment.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { z } from 'zod';
import type { Actor } from '../../machines/actors';
import type { ProcessDefinition } from '../../machines/process-definition';
import {
  HISTORY_PAGE_DEFAULT,
  HISTORY_PAGE_MAX,
  VIEW_HISTORY_ENTRIES,
  type AllowedEvent,
  type EventResult,
  type HistoryPage,
  type ProcessView,
} from '../contract';
import { isOverdue, nextDeadline } from '../deadline-book';
import { activeLabels, allowedEvents, statePaths, waitingOn } from '../snapshot-reading';
import type { HostState } from './host-state';
import { viewMemo, type ViewMemo } from './view-memo';
import {
  ACTS_FOR_PATCH,
  STABLE_ATTRIBUTES_AT_START_PATCH,
  VIEW_MEMO_PATCH,
  WAITING_ON_PATCH,
  type Rules,
} from './patches';

/**
 * The events open now, per role, worked out once per state and moment: the view, the search
 * attributes, reminders and the update's answer all need them, and probing every event for every
 * role is the costly part. A memo, not state: the same inputs give the same answer.
 */
export function allowedMemo(definition: ProcessDefinition) {
  let memo:
    | { snapshot: AnyMachineSnapshot; at: string; actsFor: boolean; events: AllowedEvent[] }
    | undefined;
  return (snapshot: AnyMachineSnapshot, at: string, actsFor: boolean): AllowedEvent[] => {
    if (memo?.snapshot !== snapshot || memo.at !== at || memo.actsFor !== actsFor) {
      memo = {
        snapshot,
        at,
        actsFor,
        events: allowedEvents(definition, snapshot, at, { actsFor }),
      };
    }
    return memo.events;
  };
}
export type AllowedReader = ReturnType<typeof allowedMemo>;

/** The allowed events this actor may send itself: its role, and its party or organisation. */
export const allowedFor = (allowed: readonly AllowedEvent[], actor: Actor): AllowedEvent[] =>
  allowed.filter(
    (event) =>
      event.role === actor.role &&
      (event.party === undefined || event.party === actor.party) &&
      (event.organisation === undefined || event.organisation === actor.organisation),
  );

export interface SearchAttributeValues {
  /** Set only by runs recorded before STABLE_ATTRIBUTES_AT_START_PATCH, on every upsert. */
  stable?: { kind: string; businessKey: string };
  state: string[];
  next: string | null;
  overdue: boolean;
  waiting?: string[];
  /** The memo `dsoView`, upserted with them (VIEW_MEMO_PATCH). */
  memo?: ViewMemo;
}

/**
 * The search attributes to upsert now, or undefined when they did not change since the last
 * upsert (`lastSearchAttributes`). The order of `patched` questions is the first host's.
 */
export function searchAttributeChange(
  definition: ProcessDefinition,
  state: HostState,
  businessKey: string,
  at: string,
  rules: Rules,
  allowed: AllowedReader,
  /** Whether DsoKind and DsoBusinessKey are set already (by whoever started the run). */
  stableAttributesSet: () => boolean,
): { values: SearchAttributeValues; serialised: string } | undefined {
  const next = nextDeadline(state.deadlines);
  // Runs recorded before DsoWaitingOn upserted less often (the allowed events can change while
  // state and deadlines stay put), and before actors were bound to their organisation waited on
  // "obo", not "obo:kadaster": they keep doing so when replayed.
  const waiting = rules.patched(WAITING_ON_PATCH)
    ? waitingOn(allowed(state.snapshot, at, rules.patched(ACTS_FOR_PATCH)))
    : undefined;
  // Runs recorded before it never upserted a memo; their readers ask the view.
  const memo = rules.patched(VIEW_MEMO_PATCH)
    ? viewMemo({
        title: definition.title,
        summary: definition.summary(state.snapshot),
        stateLabels: activeLabels(state.snapshot),
        allowedEvents: allowed(state.snapshot, at, true),
        deadlines: state.deadlines,
        updatedAt: state.updatedAt,
      })
    : undefined;
  const attributes = {
    state: statePaths(state.snapshot),
    next,
    overdue: isOverdue(state.deadlines),
    ...(waiting === undefined ? {} : { waiting }),
  };
  const serialised = JSON.stringify(
    memo === undefined ? attributes : { ...attributes, memo: memo.compared },
  );
  if (serialised === state.lastSearchAttributes) return undefined;
  // Set at the start by the API, a parent or the schedule; once here for a run started without.
  const stable =
    rules.patched(STABLE_ATTRIBUTES_AT_START_PATCH) && stableAttributesSet()
      ? {}
      : { stable: { kind: definition.kind, businessKey } };
  return {
    values: { ...stable, ...attributes, ...(memo === undefined ? {} : { memo: memo.memo }) },
    serialised,
  };
}

export function processView(
  definition: ProcessDefinition,
  state: HostState,
  ids: { workflowId: string; businessKey: string; startedBy: Actor },
  allowed: AllowedEvent[],
): ProcessView {
  const { snapshot, deadlines, history } = state;
  return {
    id: ids.workflowId,
    kind: definition.kind,
    title: definition.title,
    businessKey: ids.businessKey,
    status: snapshot.status === 'done' ? 'completed' : 'running',
    state: statePaths(snapshot),
    stateLabels: activeLabels(snapshot),
    tags: [...snapshot.tags].sort(),
    summary: definition.summary(snapshot),
    context: definition.publicContext(snapshot),
    allowedEvents: allowed,
    deadlines,
    children: state.children,
    output: snapshot.status === 'done' ? (snapshot.output ?? null) : null,
    nextDeadline: nextDeadline(deadlines),
    overdue: isOverdue(deadlines),
    history: history.slice(-VIEW_HISTORY_ENTRIES),
    historyCount: history.length,
    startedAt: state.startedAt,
    startedBy: history[0]?.actor ?? ids.startedBy,
    updatedAt: state.updatedAt,
  };
}

/** The answer to an accepted change: where the run stands, and what the caller may do next. */
export function eventResult(state: HostState, allowed: AllowedEvent[], actor: Actor): EventResult {
  return {
    seq: state.history.length,
    state: statePaths(state.snapshot),
    status: state.snapshot.status === 'done' ? 'completed' : 'running',
    allowedEvents: allowedFor(allowed, actor),
    nextDeadline: nextDeadline(state.deadlines),
  };
}

export const historyRequestSchema = z
  .object({
    after: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
  })
  .strict();

/** One page of the audit trail: the entries after `after` (a seq), oldest first. */
export function historyPage(state: HostState, request: unknown): HistoryPage {
  const { after = 0, limit = HISTORY_PAGE_DEFAULT } = historyRequestSchema.parse(request ?? {});
  // Entries are numbered 1, 2, … without gaps, so the one after `after` is at index `after`.
  return { entries: state.history.slice(after, after + limit), total: state.history.length };
}
