/** What one delivery channel reports back for one attempt. */
import type { DeliveryChannelResult, ReminderNotice } from '../workflows/contract';

export type ChannelOutcome =
  | { ok: true; result: DeliveryChannelResult }
  /** retryable: the next attempt of the activity may succeed (a 4xx SMTP reply, a 5xx webhook). */
  | { ok: false; retryable: boolean; message: string };

export interface DeliveryChannel {
  name: DeliveryChannelResult['channel'];
  deliver(notice: ReminderNotice, idempotencyKey: string): Promise<ChannelOutcome>;
}
