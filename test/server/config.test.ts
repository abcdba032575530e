import { ConfigError, loadConfig } from '../../server/config';

describe('configuration from the environment', () => {
  test('defaults: the embedded dev server on loopback, API on 3000, data under data/', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      temporalAddress: undefined,
      namespace: 'default',
      taskQueue: 'dso-lv',
      embedded: { port: 7233, uiPort: 8233 },
    });
    expect(config.embedded.dbFile).toMatch(/data\/temporal\.sqlite$/);
    expect(config.tokensFile).toMatch(/data\/tokens\.json$/);
  });

  test('hardening: metrics off and a page token key per process unless set; calendar limits', () => {
    const defaults = loadConfig({});
    expect(defaults.metricsToken).toBeUndefined();
    expect(defaults.pageTokenKey).toBeUndefined();
    expect(defaults.calendar).toEqual({ rateLimitPerMinute: 30, maxConcurrent: 4 });
    const key = 'k'.repeat(32);
    const set = loadConfig({
      PAGE_TOKEN_KEY: key,
      METRICS_TOKEN: 'm'.repeat(16),
      CALENDAR_RATE_LIMIT_PER_MINUTE: '5',
      CALENDAR_MAX_CONCURRENT: '2',
    });
    expect(set.pageTokenKey?.toString()).toBe(key);
    expect(set.metricsToken).toBe('m'.repeat(16));
    expect(set.calendar).toEqual({ rateLimitPerMinute: 5, maxConcurrent: 2 });
    // Too short to be a secret; and a secret is named in the error, never echoed.
    expect(() => loadConfig({ PAGE_TOKEN_KEY: 'short' })).toThrow(
      /PAGE_TOKEN_KEY: expected at least 32 characters$/m,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected at/);
    expect(() => loadConfig({ CALENDAR_MAX_CONCURRENT: '0' })).toThrow(
      /CALENDAR_MAX_CONCURRENT: expected at least 1/,
    );
  });

  test('TEMPORAL_ADDRESS selects a cluster; an empty variable counts as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' }).temporalAddress).toBe(
      'temporal.internal:7233',
    );
    expect(loadConfig({ TEMPORAL_ADDRESS: '', PORT: '' }).port).toBe(3000);
  });

  test('COMPONENTS splits the product into an API and workers; an API key means TLS', () => {
    expect(loadConfig({}).components).toEqual({ api: true, worker: true });
    expect(loadConfig({ COMPONENTS: 'worker' }).components).toEqual({ api: false, worker: true });
    expect(loadConfig({ COMPONENTS: 'api, worker' }).components).toEqual({
      api: true,
      worker: true,
    });
    expect(loadConfig({ TEMPORAL_API_KEY: 'k' }).connection).toEqual({ tls: true, apiKey: 'k' });
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).connection).toEqual({
      tls: true,
      apiKey: undefined,
    });
    expect(() => loadConfig({ COMPONENTS: 'ui' })).toThrow(/COMPONENTS.*expected api, worker/);
    expect(() => loadConfig({ TEMPORAL_TLS: 'yes' })).toThrow(
      /TEMPORAL_TLS: expected true or false/,
    );
    expect(loadConfig({}).rateLimitPerMinute).toBe(600);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '60' }).rateLimitPerMinute).toBe(60);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  test('invalid values stop start-up with the variable and the reason', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', TEMPORAL_ADDRESS: 'http://x', REMINDER_WEBHOOK_URL: 'ftp://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: .*\(got "abc"\)$/),
      expect.stringMatching(/^TEMPORAL_ADDRESS: expected host:port/),
      expect.stringMatching(/^REMINDER_WEBHOOK_URL: expected an http\(s\) URL/),
    ]);
  });

  test('a refused secret is named, never echoed: the message ends up in logs', () => {
    let error: unknown;
    try {
      loadConfig({
        REMINDER_WEBHOOK_URL: 'https://hooks.example.org/dso',
        REMINDER_WEBHOOK_SECRET: 'too-short-pw',
      });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^REMINDER_WEBHOOK_SECRET: expected at least 16/),
    ]);
    expect(problems.join('\n')).not.toContain('too-short-pw');
  });
});
