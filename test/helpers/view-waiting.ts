import type { WorkflowHandle } from '@temporalio/client';
import { viewQuery, type ProcessView } from '../../workflows/contract';

/**
 * How long one query may take. The Java test server can hold a query that arrives while the run's
 * last task (continue-as-new) is under way for some 90 s before it answers; asked again, the next
 * run answers at once.
 */
const QUERY_DEADLINE_MS = 5_000;

/** The run's view, given up after QUERY_DEADLINE_MS. */
export const viewOf = (handle: WorkflowHandle): Promise<ProcessView> =>
  handle.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(viewQuery));

/**
 * Waits in real time (the time-skipping server does not skip while a query is made) until a run's
 * view satisfies the check. The run may not exist yet: parents start their children
 * asynchronously.
 */
export async function viewWhen(
  handle: WorkflowHandle,
  check: (view: ProcessView) => boolean,
  what: string,
  {
    attempts = 200,
    intervalMs = 50,
    explain,
  }: {
    attempts?: number;
    intervalMs?: number;
    /** What the failure should say of the last view, beyond its summary. */
    explain?: (view: ProcessView) => string;
  } = {},
): Promise<ProcessView> {
  let view: ProcessView | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      view = await viewOf(handle);
      if (check(view)) return view;
    } catch {
      // Not started yet.
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const detail = view && explain ? `; ${explain(view)}` : '';
  throw new Error(
    `timed out waiting for ${what}; last summary: ${view?.summary ?? 'none'}${detail}`,
  );
}
