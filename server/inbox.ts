/**
 * The caller's inbox: every running process where they may act now. Visibility finds the runs
 * waiting on the caller's role, role:party or role:organisation (DsoWaitingOn), and each run's
 * memo (workflows/host/view-memo.ts, upserted with those search attributes) says which events
 * this actor may send: one listing, page by page, whatever the number of runs. Only a run without
 * a usable memo (recorded before it) has its view asked.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Actor } from '../machines/actors';
import { viewQuery, type AllowedEvent, type ProcessView } from '../workflows/contract';
import type { ViewMemo } from '../workflows/host/view-memo';
import { quote, readableClause } from './process-listing';
import { readableKinds } from './read-access';
import { projectedRuns, type ProjectedRun } from './run-projection';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  businessKey: string;
  summary: string;
  state: string[];
  stateLabels: string[];
  /** Only the events this caller may send now, with their open options. */
  allowedEvents: AllowedEvent[];
  nextDeadline: string | null;
  overdue: boolean;
}

/** Views asked at once, for runs without a memo. */
const VIEW_CONCURRENCY = 8;

/** The DsoWaitingOn values that mean "this actor may act". */
export function waitingKeysOf(actor: Actor): string[] {
  return [
    actor.role,
    ...[actor.party, actor.organisation]
      .filter((own): own is string => own !== undefined)
      .map((own) => `${actor.role}:${own}`),
  ];
}

/**
 * The view's allowed events narrowed to one actor: their role, and their party or organisation
 * where it matters.
 */
export const eventsFor = (
  view: Pick<ProcessView | ViewMemo, 'allowedEvents'>,
  actor: Actor,
): AllowedEvent[] =>
  view.allowedEvents.filter(
    (event) =>
      event.role === actor.role &&
      (event.party === undefined || event.party === actor.party) &&
      (event.organisation === undefined || event.organisation === actor.organisation),
  );

/** Soonest deadline first, runs without a deadline last; ties by id for a stable order. */
export function byDeadline(a: InboxItem, b: InboxItem): number {
  if (a.nextDeadline !== b.nextDeadline) {
    if (a.nextDeadline === null) return 1;
    if (b.nextDeadline === null) return -1;
    return a.nextDeadline < b.nextDeadline ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function inboxQuery(actor: Actor): string {
  return [
    'DsoKind IS NOT NULL',
    // A role may act only where it may read, but the inbox holds to the matrix by itself too.
    readableClause(readableKinds(actor)),
    'ExecutionStatus = "Running"',
    `DsoWaitingOn IN (${waitingKeysOf(actor).map(quote).join(', ')})`,
  ].join(' AND ');
}

/** The item a run's memo gives, or null where this actor may send nothing there after all. */
function itemFromMemo({ summary }: ProjectedRun, memo: ViewMemo, actor: Actor): InboxItem | null {
  const allowedEvents = eventsFor(memo, actor);
  if (allowedEvents.length === 0) return null;
  return {
    id: summary.id,
    kind: summary.kind ?? '',
    title: memo.title,
    businessKey: summary.businessKey ?? '',
    summary: memo.summary,
    state: summary.state,
    stateLabels: memo.stateLabels,
    allowedEvents,
    nextDeadline: summary.nextDeadline,
    overdue: summary.overdue,
  };
}

async function itemFromView(client: Client, id: string, actor: Actor): Promise<InboxItem | null> {
  let view: ProcessView;
  try {
    view = await client.workflow.getHandle(id).query(viewQuery);
  } catch (error) {
    // Ended or gone since visibility listed it: nothing to do there any more. Anything else (the
    // worker or Temporal down) must not pass for an empty inbox.
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
  const allowedEvents = eventsFor(view, actor);
  if (view.status !== 'running' || allowedEvents.length === 0) return null;
  return {
    id: view.id,
    kind: view.kind,
    title: view.title,
    businessKey: view.businessKey,
    summary: view.summary,
    state: view.state,
    stateLabels: view.stateLabels,
    allowedEvents,
    nextDeadline: view.nextDeadline,
    overdue: view.overdue,
  };
}

export async function inboxOf(client: Client, actor: Actor): Promise<{ items: InboxItem[] }> {
  const runs = await projectedRuns(client, inboxQuery(actor));
  const items: InboxItem[] = [];
  const withoutMemo: string[] = [];
  for (const run of runs) {
    if (run.memo === undefined) withoutMemo.push(run.summary.id);
    else {
      const item = itemFromMemo(run, run.memo, actor);
      if (item) items.push(item);
    }
  }
  for (let i = 0; i < withoutMemo.length; i += VIEW_CONCURRENCY) {
    const batch = await Promise.all(
      withoutMemo.slice(i, i + VIEW_CONCURRENCY).map((id) => itemFromView(client, id, actor)),
    );
    items.push(...batch.filter((item): item is InboxItem => item !== null));
  }
  return { items: items.sort(byDeadline) };
}
