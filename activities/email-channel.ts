/** Reminders by e-mail over SMTP, to the configured recipients of whoever must act. */
import { createTransport, type SMTPTransportOptions } from 'nodemailer';
import type { ChannelOutcome, DeliveryChannel } from './channel-outcome';
import { recipientsFor, type RecipientMap } from './recipients';
import { reminderMessage } from './reminder-message';

export interface EmailSettings {
  /** An smtp:// or smtps:// URL, or nodemailer's SMTP options. */
  smtp: string | SMTPTransportOptions;
  from: string;
  recipients: RecipientMap;
  /** Where the API is reached from outside: the link in the message. */
  publicBaseUrl: string;
}

/** Network trouble and 4xx replies ("try again later") heal; 5xx replies and bad logins do not. */
function isRetryable(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode < 500;
  return !['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMAXRECIPIENTS'].includes(String(code));
}

/** A Message-ID from the reminder's identity: a duplicate after a lost reply is recognisable. */
function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'dso-lv.invalid';
  return `<reminder.${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;
}

export function emailChannel(settings: EmailSettings): DeliveryChannel {
  // Bounded, URL or not, so one attempt ends well within the activity's start-to-close timeout.
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const transporter = createTransport(
    typeof settings.smtp === 'string'
      ? { ...timeouts, url: settings.smtp }
      : { ...timeouts, ...settings.smtp },
  );
  return {
    name: 'email',
    async deliver(notice, idempotencyKey): Promise<ChannelOutcome> {
      const to = recipientsFor(settings.recipients, notice.waitingOn);
      if (to.length === 0) {
        return { ok: true, result: { channel: 'email', status: 'skipped', recipients: [] } };
      }
      const message = reminderMessage(notice, settings.publicBaseUrl);
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to,
          messageId: messageIdFor(idempotencyKey, settings.from),
          ...message,
        });
        return {
          ok: true,
          result: {
            channel: 'email',
            status: 'delivered',
            recipients: info.accepted.map(String),
            ...(info.rejected.length > 0 ? { rejected: info.rejected.map(String) } : {}),
            messageId: info.messageId,
          },
        };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, retryable: isRetryable(error), message: `e-mail: ${reason}` };
      }
    },
  };
}
