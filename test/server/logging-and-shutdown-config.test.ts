import { loadConfig } from '../../server/config';

describe('LOG_LEVEL and SHUTDOWN_GRACE_TIME', () => {
  test('defaults: info, and ten seconds of grace', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', shutdownGraceTimeMs: 10_000 });
    expect(loadConfig({ LOG_LEVEL: '', SHUTDOWN_GRACE_TIME: '' })).toMatchObject({
      logLevel: 'info',
      shutdownGraceTimeMs: 10_000,
    });
  });

  test('every pino level is accepted; anything else is refused with the choices', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
    );
    expect(() => loadConfig({ LOG_LEVEL: 'INFO' })).toThrow(/LOG_LEVEL/);
  });

  test('the grace time in milliseconds or with a unit (ms, s, m)', () => {
    const grace = (value: string) => loadConfig({ SHUTDOWN_GRACE_TIME: value }).shutdownGraceTimeMs;
    expect(grace('2500')).toBe(2500);
    expect(grace('750ms')).toBe(750);
    expect(grace('30s')).toBe(30_000);
    expect(grace('2m')).toBe(120_000);
    expect(grace('0')).toBe(0);
    expect(grace('60m')).toBe(3_600_000);
  });

  test('a grace time that is no duration, negative or above an hour is refused', () => {
    for (const value of ['soon', '30 s', '-5s', '1.5s', '10h', '30S']) {
      expect(() => loadConfig({ SHUTDOWN_GRACE_TIME: value })).toThrow(
        /SHUTDOWN_GRACE_TIME: expected milliseconds or a duration like 500ms, 30s or 2m/,
      );
    }
    expect(() => loadConfig({ SHUTDOWN_GRACE_TIME: '61m' })).toThrow(
      /SHUTDOWN_GRACE_TIME: expected at most 60m \(got "61m"\)/,
    );
  });
});
