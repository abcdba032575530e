/**
 * Signing of reminder webhooks: HMAC-SHA256 over "<unix seconds>.<raw body>" with the shared
 * secret, sent as `X-DSO-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so a
 * captured request cannot be replayed later with a fresh time; receivers refuse old timestamps.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-DSO-Signature';
/** How far a receiver should accept a signature's time from its own clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function digest(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret)
    .update(`${String(timestamp)}.${body}`)
    .digest('hex');
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${String(unixSeconds)},v1=${digest(secret, unixSeconds, body)}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** What a receiver does: recompute over the raw body, compare in constant time, check the age. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowUnixSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  const match = header ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match?.[1] || !match[2]) return { valid: false, reason: 'malformed signature header' };
  const timestamp = Number(match[1]);
  if (Math.abs(nowUnixSeconds - timestamp) > toleranceSeconds) {
    return { valid: false, reason: 'timestamp outside the tolerance' };
  }
  const expected = Buffer.from(digest(secret, timestamp, body), 'hex');
  const given = Buffer.from(match[2], 'hex');
  return timingSafeEqual(expected, given)
    ? { valid: true }
    : { valid: false, reason: 'signature does not match' };
}
