import type { WorkflowHandle } from '@temporalio/client';
import { viewQuery, type ProcessView } from '../../workflows/contract';

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
      view = await handle.query(viewQuery);
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
