import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../server/config';
import { ensurePayloadKeys, PayloadKeyError } from '../../server/payload-keys';

const base64Key = () => randomBytes(32).toString('base64');
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

test('PAYLOAD_KEYS takes id:base64 pairs, the first sealing; a bad one is named, never echoed', () => {
  const [first, second] = [base64Key(), base64Key()];
  const keys = loadConfig({ PAYLOAD_KEYS: `2027-a:${first}, 2026-a:${second}` }).payloadCodec.keys;
  expect(keys.inline?.map((k) => k.id)).toEqual(['2027-a', '2026-a']);
  expect(keys.inline?.[0]?.key.equals(Buffer.from(first, 'base64'))).toBe(true);

  const short = randomBytes(16).toString('base64');
  const problems = problemsOf({ PAYLOAD_KEYS: `k1:${short}` });
  expect(problems).toEqual([expect.stringMatching(/^PAYLOAD_KEYS.*32 bytes/)]);
  expect(problems.join('\n')).not.toContain(short);
  expect(problemsOf({ PAYLOAD_KEYS: `k1:${first},k1:${second}` })).toEqual([
    expect.stringMatching(/^PAYLOAD_KEYS: key ids must differ/),
  ]);
  expect(problemsOf({ PAYLOAD_KEYS: `no colon here` })).not.toEqual([]);
});

test('the embedded product creates its key file on first start (600, folder 700), then reads it', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'dso-lv-keys-')), 'fresh');
  const config = loadConfig({ DATA_DIR: dir });
  expect(config.payloadCodec.keys).toMatchObject({
    inline: undefined,
    file: join(dir, 'payload-keys.json'),
    createIfMissing: true,
  });
  const created = ensurePayloadKeys(config.payloadCodec.keys);
  expect(created.origin).toBe('created');
  expect(statSync(config.payloadCodec.keys.file).mode & 0o777).toBe(0o600);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  const again = ensurePayloadKeys(config.payloadCodec.keys);
  expect(again).toMatchObject({ origin: 'file' });
  expect(again.warning).toBeUndefined();
  expect(again.keys[0]?.key.equals(created.keys[0]?.key ?? Buffer.alloc(0))).toBe(true);
  expect(readFileSync(config.payloadCodec.keys.file, 'utf8')).toContain(created.keys[0]?.id);

  chmodSync(config.payloadCodec.keys.file, 0o644);
  expect(ensurePayloadKeys(config.payloadCodec.keys).warning).toMatch(/chmod 600/);
});

test('a cluster is never given a key of its own making: without keys it does not start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-keys-'));
  const config = loadConfig({ DATA_DIR: dir, TEMPORAL_ADDRESS: 'temporal:7233' });
  expect(config.payloadCodec.keys.createIfMissing).toBe(false);
  expect(() => ensurePayloadKeys(config.payloadCodec.keys)).toThrow(PayloadKeyError);
  expect(() => ensurePayloadKeys(config.payloadCodec.keys)).toThrow(/PAYLOAD_KEYS/);

  const file = join(dir, 'shared-keys.json');
  writeFileSync(file, JSON.stringify({ keys: [{ id: 'k1', key: base64Key() }] }), { mode: 0o600 });
  const fromFile = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', PAYLOAD_KEYS_FILE: file });
  expect(ensurePayloadKeys(fromFile.payloadCodec.keys).keys.map((k) => k.id)).toEqual(['k1']);

  writeFileSync(file, JSON.stringify({ keys: [{ id: 'k1', key: 'c2hvcnQ=' }] }));
  expect(() => ensurePayloadKeys(fromFile.payloadCodec.keys)).toThrow(/keys\.0\.key: a key is 32/);
});

test('the codec endpoint, the UIs that may call it, the read-only Web UI and mTLS files', () => {
  const defaults = loadConfig({});
  expect(defaults.codecEndpoint).toEqual({
    url: 'http://127.0.0.1:3000/codec',
    corsOrigins: ['http://127.0.0.1:8233', 'http://localhost:8233'],
  });
  expect(defaults.embedded.uiWrites).toBe(false);
  expect(defaults.payloadCodec.acceptPlain).toBe(false);
  const set = loadConfig({
    PUBLIC_BASE_URL: 'https://dso-lv.example.org/',
    CODEC_CORS_ORIGINS: 'https://temporal-ui.example.org/, https://cloud.temporal.io',
    TEMPORAL_UI_WRITES: 'true',
    PAYLOAD_ACCEPT_PLAIN: 'true',
    TEMPORAL_TLS_CERT: '/etc/dso-lv/client.pem',
    TEMPORAL_TLS_KEY: '/etc/dso-lv/client.key',
    TEMPORAL_TLS_CA: '/etc/dso-lv/ca.pem',
    TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
  });
  expect(set.codecEndpoint).toEqual({
    url: 'https://dso-lv.example.org/codec',
    corsOrigins: ['https://temporal-ui.example.org', 'https://cloud.temporal.io'],
  });
  expect(set.embedded.uiWrites).toBe(true);
  expect(set.payloadCodec.acceptPlain).toBe(true);
  expect(set.connection).toEqual({
    tls: true,
    apiKey: undefined,
    clientCertFile: '/etc/dso-lv/client.pem',
    clientKeyFile: '/etc/dso-lv/client.key',
    caFile: '/etc/dso-lv/ca.pem',
    serverName: 'temporal.internal',
  });
  expect(problemsOf({ TEMPORAL_TLS_CERT: '/etc/dso-lv/client.pem' })).toEqual([
    expect.stringMatching(/^TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/),
  ]);
  expect(problemsOf({ CODEC_CORS_ORIGINS: 'temporal-ui' })).toEqual([
    expect.stringMatching(/^CODEC_CORS_ORIGINS.*expected http\(s\) origins/),
  ]);
  expect(problemsOf({ TEMPORAL_UI_WRITES: 'yes' })).toEqual([
    expect.stringMatching(/^TEMPORAL_UI_WRITES: expected true or false/),
  ]);
});
