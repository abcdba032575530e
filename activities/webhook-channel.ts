/** Reminders POSTed as signed JSON to one webhook. */
import type { ChannelOutcome, DeliveryChannel } from './channel-outcome';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

export interface WebhookSettings {
  url: string;
  /** Shared with the receiver, which checks the signature with it. */
  secret: string;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export function webhookChannel(
  settings: WebhookSettings,
  doFetch: typeof fetch = fetch,
  nowMs: () => number = Date.now,
): DeliveryChannel {
  return {
    name: 'webhook',
    async deliver(notice, idempotencyKey): Promise<ChannelOutcome> {
      const body = JSON.stringify({ type: 'reminder', ...notice });
      let response: Response;
      try {
        response = await doFetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // A retried delivery carries the same key, so receivers can drop the duplicate.
            'idempotency-key': idempotencyKey,
            [SIGNATURE_HEADER]: signatureHeader(settings.secret, body, Math.floor(nowMs() / 1000)),
          },
          body,
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
          // A redirect would turn the POST into a GET and "deliver" nothing: it counts as refused.
          redirect: 'manual',
        });
      } catch (error) {
        // Refused, reset, timed out: the receiver may be back on the next attempt.
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, retryable: true, message: `webhook unreachable: ${message}` };
      }
      // Only the status matters; reading the body frees the connection.
      await response.body?.cancel();
      if (!response.ok) {
        // A client error will not heal by retrying; a server error or throttling may.
        const retryable =
          response.status >= 500 || response.status === 408 || response.status === 429;
        return {
          ok: false,
          retryable,
          message: `webhook answered ${String(response.status)}`,
        };
      }
      return {
        ok: true,
        result: {
          channel: 'webhook',
          status: 'delivered',
          // The origin only: a webhook URL's path or query often carries its own secret.
          target: new URL(settings.url).origin,
          httpStatus: response.status,
        },
      };
    },
  };
}
