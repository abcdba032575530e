/**
 * Reminder delivery. The workflow records every reminder in the run; this activity carries it to
 * the outside world: to the configured webhook, or, without one, to the worker's log.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ReminderDelivery, ReminderNotice } from '../workflows/contract';

export interface ReminderActivityDeps {
  /** Where reminders are POSTed as JSON; without it they are only logged and recorded. */
  webhookUrl?: string | undefined;
  log: (message: string, fields: Record<string, unknown>) => void;
  fetch?: typeof fetch;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export function createReminderActivities(deps: ReminderActivityDeps) {
  const doFetch = deps.fetch ?? fetch;
  return {
    async deliverReminder(notice: ReminderNotice): Promise<ReminderDelivery> {
      if (!deps.webhookUrl) {
        deps.log('reminder', { ...notice });
        return { channels: [{ channel: 'log', status: 'recorded' }] };
      }
      const response = await doFetch(deps.webhookUrl, {
        method: 'POST',
        // A retried delivery (say after a slow answer) carries the same key, so receivers can
        // drop the duplicate.
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `${notice.processId}/${notice.deadline.id}/${notice.daysBefore}`,
        },
        body: JSON.stringify({ type: 'reminder', ...notice }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (!response.ok) {
        // A client error will not heal by retrying; a server error or throttling may.
        const retryable =
          response.status >= 500 || response.status === 408 || response.status === 429;
        const message = `reminder webhook answered ${response.status}`;
        throw retryable
          ? ApplicationFailure.retryable(message, 'WebhookUnavailable')
          : ApplicationFailure.nonRetryable(message, 'WebhookRejected');
      }
      return {
        channels: [
          {
            channel: 'webhook',
            status: 'delivered',
            target: deps.webhookUrl,
            httpStatus: response.status,
          },
        ],
      };
    },
  };
}

export type ReminderActivities = ReturnType<typeof createReminderActivities>;
