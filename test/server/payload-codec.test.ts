import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { EncryptionCodec, type PayloadKey } from '../../server/payload-codec';
import { isUnverifiedPayload, UNVERIFIED_PAYLOAD } from '../../workflows/contract';

const key = (id: string): PayloadKey => ({ id, key: randomBytes(32) });
const request = {
  event: { type: 'POSITION', position: 'agree' },
  actor: { id: 'ogb-rijk', role: 'ogb', party: 'rijk' },
};
const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const value = (p: Payload | undefined): unknown =>
  p === undefined ? undefined : defaultPayloadConverter.fromPayload(p);
const run = (workflowId: string) =>
  ({ type: 'workflow', namespace: 'default', workflowId }) as const;

async function roundTrip(sealer: EncryptionCodec, opener: EncryptionCodec, context?: object) {
  const [sealed] = await sealer.encode([payload(request)], context as never);
  if (!sealed) throw new Error('nothing sealed');
  const [opened] = await opener.decode([sealed], context as never);
  return { sealed, opened: value(opened) };
}

test('seals every payload: what Temporal stores is not the JSON, and it opens to the same value', async () => {
  const codec = new EncryptionCodec([key('k1')]);
  const original = payload(request);
  const [sealed] = await codec.encode([original, payload(null)], run('decision:x'));
  if (!sealed) throw new Error('nothing sealed');
  expect(Buffer.from(sealed.data ?? []).toString('latin1')).not.toContain('ogb');
  expect(Buffer.from(sealed.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
  expect(Buffer.from(sealed.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k1');
  const [opened] = await codec.decode([sealed], run('decision:x'));
  expect(value(opened)).toEqual(request);
  expect(Buffer.from(opened?.data ?? []).equals(Buffer.from(original.data ?? []))).toBe(true);
  expect(Buffer.from(opened?.metadata?.encoding ?? []).toString()).toBe('json/plain');
  // Twice the same value gives different ciphertexts (a fresh IV each time).
  const [again] = await codec.encode([original], run('decision:x'));
  expect(Buffer.from(again?.data ?? []).equals(Buffer.from(sealed.data ?? []))).toBe(false);
});

test('keys rotate: the first key seals, every configured key opens', async () => {
  const old = key('2026-a');
  const fresh = key('2027-a');
  const before = new EncryptionCodec([old]);
  const after = new EncryptionCodec([fresh, old]);
  expect((await roundTrip(before, after)).opened).toEqual(request);
  const { sealed } = await roundTrip(after, after);
  expect(Buffer.from(sealed.metadata?.['encryption-key-id'] ?? []).toString()).toBe('2027-a');
  // Once the old key is dropped, what it sealed no longer opens.
  expect((await roundTrip(before, new EncryptionCodec([fresh]))).opened).toEqual({
    [UNVERIFIED_PAYLOAD]: 'unknownKey',
  });
});

test('what it cannot verify becomes a marker, never the payload and never a throw', async () => {
  const refused: string[] = [];
  const codec = new EncryptionCodec([key('k1')], { onRefused: (reason) => refused.push(reason) });
  const [sealed] = await codec.encode([payload(request)]);
  if (!sealed?.data) throw new Error('nothing sealed');
  const flipped = Buffer.from(sealed.data);
  flipped[20] = (flipped[20] ?? 0) ^ 1;
  const sameIdOtherKey = new EncryptionCodec([key('k1')]);
  const opened = [
    ...(await codec.decode([payload(request)])), // plain JSON, as `temporal workflow update` sends
    ...(await codec.decode([{ ...sealed, data: flipped }])),
    ...(await codec.decode([{ ...sealed, data: Buffer.from(sealed.data).subarray(0, 10) }])),
    ...(await sameIdOtherKey.decode([sealed])),
  ].map(value);
  expect(opened).toEqual([
    { [UNVERIFIED_PAYLOAD]: 'notEncrypted' },
    { [UNVERIFIED_PAYLOAD]: 'tampered' },
    { [UNVERIFIED_PAYLOAD]: 'tampered' },
    { [UNVERIFIED_PAYLOAD]: 'tampered' },
  ]);
  expect(opened.every(isUnverifiedPayload)).toBe(true);
  expect(refused).toEqual(['notEncrypted', 'tampered', 'tampered']);
});

test('a payload sealed for one run is refused in another: a copied request does not travel', async () => {
  const codec = new EncryptionCodec([key('k1')]);
  const [sealed] = await codec.encode([payload(request)], run('decision:begroting-2020'));
  if (!sealed) throw new Error('nothing sealed');
  const open = async (context?: object) =>
    value((await codec.decode([sealed], context as never))[0]);
  expect(await open(run('decision:begroting-2020'))).toEqual(request);
  expect(await open(run('decision:begroting-2021'))).toEqual({ [UNVERIFIED_PAYLOAD]: 'otherRun' });
  expect(await open({ ...run('decision:begroting-2020'), namespace: 'other' })).toEqual({
    [UNVERIFIED_PAYLOAD]: 'otherRun',
  });
  // The codec endpoint has no run to compare with; the seal still covers the run named.
  expect(await open()).toEqual(request);
  const moved = {
    ...sealed,
    metadata: { ...sealed.metadata, 'dso-lv-workflow-id': Buffer.from('decision:begroting-2021') },
  };
  expect(value((await codec.decode([moved], run('decision:begroting-2021')))[0])).toEqual({
    [UNVERIFIED_PAYLOAD]: 'tampered',
  });
});

test("a Schedule's runs count as the run its action names", async () => {
  const codec = new EncryptionCodec([key('k1')]);
  const [sealed] = await codec.encode([payload({ year: 2027 })], run('pc-cycle-yearly'));
  if (!sealed) throw new Error('nothing sealed');
  const [opened] = await codec.decode([sealed], run('pc-cycle-yearly-2026-12-01T00:00:00Z'));
  expect(value(opened)).toEqual({ year: 2027 });
});

test('PAYLOAD_ACCEPT_PLAIN lets plain payloads of older runs through, but nothing tampered', async () => {
  const codec = new EncryptionCodec([key('k1')], { acceptPlain: true });
  expect(value((await codec.decode([payload(request)]))[0])).toEqual(request);
  const [sealed] = await new EncryptionCodec([key('k2')]).encode([payload(request)]);
  if (!sealed) throw new Error('nothing sealed');
  expect(value((await codec.decode([sealed]))[0])).toEqual({ [UNVERIFIED_PAYLOAD]: 'unknownKey' });
});

test('a key must be 32 bytes, and there must be one', () => {
  expect(() => new EncryptionCodec([])).toThrow(/at least one key/);
  expect(() => new EncryptionCodec([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
});
