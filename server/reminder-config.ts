/**
 * The environment variables of reminder delivery (signed webhook, e-mail over SMTP, recipients)
 * and of the public base URL that messages and calendar entries link to.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EmailSettings } from '../activities/email-channel';
import { recipientsSchema } from '../activities/recipients';
import type { WebhookSettings } from '../activities/webhook-channel';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Inline JSON, or a JSON file's path: recipients per role, role:party and role:organisation. */
const recipientsVariable = z
  .string()
  .transform((value, ctx) => {
    const text = value.trim();
    try {
      return JSON.parse(text.startsWith('{') ? text : readFileSync(text, 'utf8')) as unknown;
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `expected JSON such as {"tbo":["tbo@example.org"]} or the path of such a file (${error instanceof Error ? error.message : String(error)})`,
      });
      return z.NEVER;
    }
  })
  .pipe(recipientsSchema);

export const reminderEnvironment = {
  REMINDER_WEBHOOK_SECRET: optional(z.string().min(16, 'expected at least 16 characters')),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' })),
  SMTP_HOST: optional(z.string().regex(/^[^\s:/]+$/, 'expected a host name')),
  SMTP_PORT: optional(z.coerce.number().int().min(1).max(65535, 'expected a port number')),
  SMTP_SECURE: optional(z.enum(['true', 'false'], { error: 'expected true or false' })),
  SMTP_USER: optional(z.string()),
  SMTP_PASS: optional(z.string()),
  REMINDER_MAIL_FROM: optional(
    z
      .string()
      .regex(
        /^[^<>]*<?[^\s@<>]+@[^\s@<>]+>?$/,
        'expected an address, e.g. "DSO-LV <noreply@example.org>"',
      ),
  ),
  REMINDER_RECIPIENTS: optional(recipientsVariable),
  PUBLIC_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })),
};

type ReminderEnvironment = z.infer<z.ZodObject<typeof reminderEnvironment>> & {
  REMINDER_WEBHOOK_URL?: string | undefined;
};

/** The rules between variables: a webhook needs its secret, e-mail its sender and recipients. */
export function checkReminderEnvironment(e: ReminderEnvironment, ctx: z.RefinementCtx): void {
  const require = (name: string, when: string) => {
    ctx.addIssue({ code: 'custom', path: [name], message: `required when ${when} is set` });
  };
  if (e.REMINDER_WEBHOOK_URL && !e.REMINDER_WEBHOOK_SECRET) {
    require('REMINDER_WEBHOOK_SECRET', 'REMINDER_WEBHOOK_URL');
  }
  if (e.SMTP_URL && e.SMTP_HOST) {
    ctx.addIssue({
      code: 'custom',
      path: ['SMTP_HOST'],
      message: 'give SMTP_URL or SMTP_HOST, not both',
    });
  }
  const smtp = e.SMTP_URL ? 'SMTP_URL' : e.SMTP_HOST ? 'SMTP_HOST' : undefined;
  if (smtp && !e.REMINDER_MAIL_FROM) require('REMINDER_MAIL_FROM', smtp);
  if (smtp && !e.REMINDER_RECIPIENTS) require('REMINDER_RECIPIENTS', smtp);
  if (e.SMTP_USER && !e.SMTP_PASS) require('SMTP_PASS', 'SMTP_USER');
}

export interface ReminderConfig {
  webhook: WebhookSettings | undefined;
  email: EmailSettings | undefined;
}

export function reminderConfigFrom(e: ReminderEnvironment, publicBaseUrl: string): ReminderConfig {
  const smtp: EmailSettings['smtp'] | undefined =
    e.SMTP_URL ??
    (e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT ?? (e.SMTP_SECURE === 'true' ? 465 : 587),
          secure: e.SMTP_SECURE === 'true',
          ...(e.SMTP_USER ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASS ?? '' } } : {}),
        }
      : undefined);
  return {
    webhook:
      e.REMINDER_WEBHOOK_URL && e.REMINDER_WEBHOOK_SECRET
        ? { url: e.REMINDER_WEBHOOK_URL, secret: e.REMINDER_WEBHOOK_SECRET }
        : undefined,
    email:
      smtp && e.REMINDER_MAIL_FROM && e.REMINDER_RECIPIENTS
        ? { smtp, from: e.REMINDER_MAIL_FROM, recipients: e.REMINDER_RECIPIENTS, publicBaseUrl }
        : undefined,
  };
}
