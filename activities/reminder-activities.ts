/**
 * Reminder delivery. The workflow records every reminder in the run; this activity carries it to
 * the outside world: to a signed webhook and by e-mail, or, with neither configured, to the log.
 *
 * Every configured channel is tried on each attempt until it has delivered once. What a channel
 * delivered (or refused for good) is kept in the activity's heartbeat details, which Temporal hands
 * to the next attempt: a retry because the mail server said "try later" does not POST the webhook
 * again. While a channel can still heal the attempt fails retryably and the workflow's retry policy
 * tries again; the reminder counts as sent when no channel is left to heal and one delivered.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type {
  DeliveryChannelResult,
  ReminderDelivery,
  ReminderNotice,
} from '../workflows/contract';
import type { DeliveryChannel } from './channel-outcome';
import { emailChannel, type EmailSettings } from './email-channel';
import { webhookChannel, type WebhookSettings } from './webhook-channel';

export interface ReminderActivityDeps {
  webhook?: WebhookSettings | undefined;
  email?: EmailSettings | undefined;
  log: (message: string, fields: Record<string, unknown>) => void;
  fetch?: typeof fetch;
}

/** What earlier attempts of this activity achieved, as heartbeat details. */
const progressSchema = z.object({
  done: z.array(
    z.object({ channel: z.string(), result: z.custom<DeliveryChannelResult>() }).loose(),
  ),
});
type Progress = z.infer<typeof progressSchema>;

function earlierProgress(): Progress {
  const parsed = progressSchema.safeParse(activityInfo().heartbeatDetails);
  return parsed.success ? parsed.data : { done: [] };
}

export function createReminderActivities(deps: ReminderActivityDeps) {
  const channels: DeliveryChannel[] = [
    ...(deps.webhook ? [webhookChannel(deps.webhook, deps.fetch)] : []),
    ...(deps.email ? [emailChannel(deps.email)] : []),
  ];
  return {
    async deliverReminder(notice: ReminderNotice): Promise<ReminderDelivery> {
      if (channels.length === 0) {
        deps.log('reminder', { ...notice });
        return { channels: [{ channel: 'log', status: 'recorded' }] };
      }
      // The due moment is part of it: after an extension the reminder for the new date is news.
      const key = `${notice.processId}/${notice.deadline.id}/${notice.deadline.due}/${String(notice.daysBefore)}`;
      const progress = earlierProgress();
      const healing: string[] = [];
      for (const channel of channels) {
        if (progress.done.some((entry) => entry.channel === channel.name)) continue;
        const outcome = await channel.deliver(notice, key);
        if (outcome.ok) {
          progress.done.push({ channel: channel.name, result: outcome.result });
        } else if (outcome.retryable) {
          healing.push(outcome.message);
        } else {
          progress.done.push({
            channel: channel.name,
            result: { channel: channel.name, status: 'failed', error: outcome.message },
          });
        }
        heartbeat(progress);
      }
      const results = channels.flatMap(
        (channel) => progress.done.find((entry) => entry.channel === channel.name)?.result ?? [],
      );
      const settled = results.map((r) => `${r.channel} ${r.status}`).join(', ');
      if (healing.length > 0) {
        throw ApplicationFailure.retryable(
          `${healing.join('; ')}${settled ? ` (so far: ${settled})` : ''}`,
          'ReminderDeliveryIncomplete',
        );
      }
      // Refused for good with nothing delivered: the reminder failed. (All skipped: nobody to tell.)
      if (!results.some((r) => r.status === 'delivered') && results.some((r) => r.error)) {
        throw ApplicationFailure.nonRetryable(
          results.map((r) => r.error ?? r.status).join('; '),
          'ReminderRejected',
        );
      }
      return { channels: results };
    },
  };
}

export type ReminderActivities = ReturnType<typeof createReminderActivities>;
