import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recipientsFor, recipientsSchema } from '../../activities/recipients';
import { ConfigError, loadConfig } from '../../server/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('reminder delivery configuration', () => {
  test('nothing configured: reminders are only logged; links point at the API', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(config.reminders).toEqual({ webhook: undefined, email: undefined });
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:4000');
  });

  test('a webhook needs its secret', () => {
    expect(problemsOf({ REMINDER_WEBHOOK_URL: 'https://hooks.example.org/dso' })).toEqual([
      'REMINDER_WEBHOOK_SECRET: required when REMINDER_WEBHOOK_URL is set',
    ]);
    expect(
      problemsOf({
        REMINDER_WEBHOOK_URL: 'https://h.example.org',
        REMINDER_WEBHOOK_SECRET: 'short',
      }),
    ).toEqual([expect.stringMatching(/^REMINDER_WEBHOOK_SECRET: expected at least 16 characters/)]);
    const config = loadConfig({
      REMINDER_WEBHOOK_URL: 'https://hooks.example.org/dso',
      REMINDER_WEBHOOK_SECRET: 'a-long-shared-secret',
    });
    expect(config.reminders.webhook).toEqual({
      url: 'https://hooks.example.org/dso',
      secret: 'a-long-shared-secret',
    });
  });

  test('SMTP by URL or by host, port and login, with a sender and recipients', () => {
    const recipients = '{"tbo":["tbo@example.org"],"ogb:rijk":["rijk@example.org"]}';
    const byUrl = loadConfig({
      SMTP_URL: 'smtps://user:pass@mail.example.org',
      REMINDER_MAIL_FROM: 'DSO-LV <noreply@example.org>',
      REMINDER_RECIPIENTS: recipients,
      PUBLIC_BASE_URL: 'https://dso.example.org',
    });
    expect(byUrl.reminders.email).toEqual({
      smtp: 'smtps://user:pass@mail.example.org',
      from: 'DSO-LV <noreply@example.org>',
      recipients: { tbo: ['tbo@example.org'], 'ogb:rijk': ['rijk@example.org'] },
      publicBaseUrl: 'https://dso.example.org',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'dso-recipients-')), 'recipients.json');
    writeFileSync(file, recipients);
    const byHost = loadConfig({
      SMTP_HOST: 'mail.example.org',
      SMTP_SECURE: 'true',
      SMTP_USER: 'dso',
      SMTP_PASS: 'secret',
      REMINDER_MAIL_FROM: 'noreply@example.org',
      REMINDER_RECIPIENTS: file,
    });
    expect(byHost.reminders.email?.smtp).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      auth: { user: 'dso', pass: 'secret' },
    });
    expect(byHost.reminders.email?.recipients).toEqual({
      tbo: ['tbo@example.org'],
      'ogb:rijk': ['rijk@example.org'],
    });
  });

  test('bad SMTP settings and recipients name the variable and the entry', () => {
    expect(problemsOf({ SMTP_HOST: 'mail.example.org' })).toEqual([
      'REMINDER_MAIL_FROM: required when SMTP_HOST is set',
      'REMINDER_RECIPIENTS: required when SMTP_HOST is set',
    ]);
    expect(
      problemsOf({
        SMTP_URL: 'http://mail.example.org',
        REMINDER_MAIL_FROM: 'noreply@example.org',
        REMINDER_RECIPIENTS: '{"tbo":["not-an-address"],"ogb:gemeente":["x@example.org"],"sbo":[]}',
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/),
        'REMINDER_RECIPIENTS.tbo.0: expected an e-mail address',
        expect.stringMatching(/^REMINDER_RECIPIENTS.ogb:gemeente: expected a role or role:party/),
        'REMINDER_RECIPIENTS.sbo: expected at least one address',
      ]),
    );
    expect(problemsOf({ REMINDER_RECIPIENTS: '/no/such/file.json' })).toEqual([
      expect.stringMatching(/^REMINDER_RECIPIENTS: expected JSON .* or the path of such a file/),
    ]);
  });
});

describe('recipients per role and party', () => {
  const map = {
    ogb: ['secretariaat@ogb.example.org'],
    'ogb:rijk': ['rijk@example.org'],
    'ogb:vng': ['vng@example.org'],
    tbo: ['tbo@example.org'],
  };

  test("a party-limited event reaches that member and the role's own list", () => {
    expect(recipientsFor(map, [{ role: 'ogb', party: 'vng' }])).toEqual([
      'secretariaat@ogb.example.org',
      'vng@example.org',
    ]);
  });

  test('an event any member may send reaches every member; roles without a list nobody', () => {
    expect(recipientsFor(map, [{ role: 'ogb' }, { role: 'tbo' }, { role: 'bo' }])).toEqual([
      'secretariaat@ogb.example.org',
      'rijk@example.org',
      'vng@example.org',
      'tbo@example.org',
    ]);
  });

  test('an event only one organisation may send reaches that organisation, not the other OBOs', () => {
    const obos = {
      obo: ['beheer@example.org'],
      'obo:kadaster': ['kadaster@example.org'],
      'obo:geonovum': ['geonovum@example.org'],
    };
    expect(recipientsSchema.safeParse(obos).success).toBe(true);
    expect(recipientsFor(obos, [{ role: 'obo', organisation: 'kadaster' }])).toEqual([
      'beheer@example.org',
      'kadaster@example.org',
    ]);
    // An OGB Beheer key names a government, never an organisation.
    expect(recipientsSchema.safeParse({ 'ogb:kadaster': ['x@example.org'] }).success).toBe(false);
  });
});
