/**
 * What the calendar feed shows of each running process the caller may read: one visibility
 * listing with the runs' memos (workflows/host/view-memo.ts), page by page; the query applies the
 * read matrix, so the feed holds to it too. Only a run without a usable memo (recorded before
 * it) has its view asked, and is left out if it ended or vanished meanwhile.
 */
import type { Client } from '@temporalio/client';
import type { Actor } from '../machines/actors';
import type { ProcessView } from '../workflows/contract';
import { entryOfView, type CalendarEntry } from './calendar';
import { HttpError } from './http-errors';
import { visibilityQuery } from './process-listing';
import { readableKinds } from './read-access';
import { projectedRuns } from './run-projection';

/** Views asked at once: each is a query a worker answers, and subscribers poll this feed. */
const VIEW_CONCURRENCY = 8;

export async function calendarEntriesOf(
  client: Client,
  actor: Actor,
  /** The run's view as this actor may read it (ProcessService.view). */
  viewOf: (id: string) => Promise<ProcessView>,
): Promise<CalendarEntry[]> {
  const runs = await projectedRuns(
    client,
    visibilityQuery({ status: 'running' }, readableKinds(actor)),
  );
  const entries: CalendarEntry[] = [];
  const withoutMemo: string[] = [];
  for (const { summary, memo } of runs) {
    if (memo === undefined) withoutMemo.push(summary.id);
    else entries.push({ ...memo, id: summary.id, businessKey: summary.businessKey ?? '' });
  }
  for (let i = 0; i < withoutMemo.length; i += VIEW_CONCURRENCY) {
    const batch = withoutMemo.slice(i, i + VIEW_CONCURRENCY).map((id) =>
      viewOf(id).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 404) return undefined;
        throw error;
      }),
    );
    for (const view of await Promise.all(batch)) {
      if (view?.status === 'running') entries.push(entryOfView(view));
    }
  }
  return entries;
}
