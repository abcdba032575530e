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
): Promise<ProcessView> {
  let view: ProcessView | undefined;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      view = await handle.query(viewQuery);
      if (check(view)) return view;
    } catch {
      // Not started yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; last summary: ${view?.summary ?? 'none'}`);
}
