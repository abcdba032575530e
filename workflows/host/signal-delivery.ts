/**
 * A signal to another process that did not arrive is sent again, a few times with growing waits.
 * A report or a parent's event is sent once per change, so one lost signal could leave the other
 * process waiting for good (a programme whose phase 2 never opens). Temporal refuses a signal
 * when the target is not found, and a target between two runs of a continue-as-new can look so
 * for a moment (the Java test server does not make it atomic: temporalio/sdk-java#1538).
 */
import { patched, sleep } from '@temporalio/workflow';
import { RESEND_UNDELIVERED_SIGNALS_PATCH } from './patches';

/** The waits before each new attempt: 1 + 2 + 4 + 8 + 16 s, within the 60 s continue-as-new wait. */
export const RESEND_WAITS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000];

/**
 * Sends, and sends again after each wait while it fails; rejects with the last error when every
 * attempt failed. Histories recorded before the patch gave up at the first failure; `patched` is
 * asked only when a signal fails, so runs whose signals all arrive record no marker.
 */
export async function sendWithResends(
  send: () => Promise<void>,
  /** What the wait is for, as Temporal's tools show the timer (in Dutch). */
  summary?: string,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await send();
      return;
    } catch (error) {
      const wait = RESEND_WAITS_MS[attempt];
      if (wait === undefined || !patched(RESEND_UNDELIVERED_SIGNALS_PATCH)) throw error;
      await sleep(wait, summary === undefined ? undefined : { summary });
    }
  }
}
