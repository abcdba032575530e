import { isGrpcServiceError, ServiceError, type WorkflowHandle } from '@temporalio/client';
import { viewQuery, type ProcessView } from '../../workflows/contract';

/**
 * How long one query may take. The Java test server can hold a query that arrives while the run's
 * last task (continue-as-new) is under way for some 90 s before it answers; asked again, the next
 * run answers at once.
 */
const QUERY_DEADLINE_MS = 5_000;

/** How many times a query that ran out of time is asked again before the test fails. */
const QUERY_ATTEMPTS = 6;

/** gRPC's status code for a call that ran past its deadline (grpc-js is not ours to import). */
const DEADLINE_EXCEEDED = 4;

function ranOutOfTime(error: unknown): boolean {
  if (!(error instanceof ServiceError) || !isGrpcServiceError(error.cause)) return false;
  const code: number = error.cause.code;
  return code === DEADLINE_EXCEEDED;
}

/** The run's view; a query held past QUERY_DEADLINE_MS is given up and asked again. */
export async function viewOf(handle: WorkflowHandle): Promise<ProcessView> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        handle.query(viewQuery),
      );
    } catch (error) {
      if (attempt >= QUERY_ATTEMPTS || !ranOutOfTime(error)) throw error;
    }
  }
}

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
