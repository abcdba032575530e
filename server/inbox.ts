/**
 * The caller's inbox: every running process where they may act now. Visibility finds the runs
 * waiting on the caller's role, role:party or role:organisation (DsoWaitingOn); each run's view
 * then says exactly which events this actor may send, since visibility lags a little behind.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Actor } from '../machines/actors';
import { viewQuery, type AllowedEvent, type ProcessView } from '../workflows/contract';
import { listPage, quote, readableClause } from './process-listing';
import { readableKinds } from './read-access';

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

/** Runs read per inbox; an operator with more than this waits on them all anyway. */
export const INBOX_MAX_RUNS = 1000;
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
export const eventsFor = (view: ProcessView, actor: Actor): AllowedEvent[] =>
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

async function runIds(client: Client, actor: Actor): Promise<string[]> {
  const query = [
    'DsoKind IS NOT NULL',
    // A role may act only where it may read, but the inbox holds to the matrix by itself too.
    readableClause(readableKinds(actor)),
    'ExecutionStatus = "Running"',
    `DsoWaitingOn IN (${waitingKeysOf(actor).map(quote).join(', ')})`,
  ].join(' AND ');
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await listPage(client, query, 200, token);
    ids.push(...page.processes.map((p) => p.id));
    token = page.nextPageToken ?? undefined;
  } while (token !== undefined && ids.length < INBOX_MAX_RUNS);
  return ids.slice(0, INBOX_MAX_RUNS);
}

async function itemFor(client: Client, id: string, actor: Actor): Promise<InboxItem | null> {
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
  const ids = await runIds(client, actor);
  const items: InboxItem[] = [];
  for (let i = 0; i < ids.length; i += VIEW_CONCURRENCY) {
    const batch = await Promise.all(
      ids.slice(i, i + VIEW_CONCURRENCY).map((id) => itemFor(client, id, actor)),
    );
    items.push(...batch.filter((item): item is InboxItem => item !== null));
  }
  return { items: items.sort(byDeadline) };
}
