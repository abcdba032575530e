/**
 * The payload codec of every client and worker: each payload is sealed with AES-256-GCM before it
 * reaches Temporal, so its history holds no readable process data and nobody without the key can
 * hand a workflow an argument it trusts (an Update's `actor` above all).
 *
 * A payload that cannot be verified is never passed on as it is, and decoding never throws: a
 * throwing decode fails the whole workflow task, which Temporal retries while the forged Update
 * stays pending, so one forged call would wedge a run (see docs/DECISIONS.md). It is decoded to a
 * marker instead, which the host refuses with a typed failure.
 */
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UNVERIFIED_PAYLOAD, type UnverifiedReason } from '../workflows/contract';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_LENGTH = 32;
const CIPHER = 'aes-256-gcm';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
/** Metadata in the clear: what opens the payload, and the run it was sealed for. */
const meta = {
  encoding: 'encoding',
  keyId: 'encryption-key-id',
  cipher: 'encryption-cipher',
  namespace: 'dso-lv-namespace',
  workflowId: 'dso-lv-workflow-id',
} as const;
const CIPHER_NAME = 'AES-256-GCM';

export interface PayloadKey {
  /** Named in each payload's metadata, so payloads sealed before a rotation still open. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface PayloadCodecOptions {
  /** Payloads written before the codec (plain JSON) pass as they are: for draining older runs. */
  acceptPlain?: boolean;
  /** Told of every payload refused, e.g. to log it. */
  onRefused?: (reason: UnverifiedReason, context: SerializationContext | undefined) => void;
}

const text = (value: string) => Buffer.from(value, 'utf8');
const read = (payload: Payload, key: string): string | undefined => {
  const value = payload.metadata?.[key];
  return value ? Buffer.from(value).toString('utf8') : undefined;
};

/** The run a payload belongs to: sealed into it, so a payload copied into another run is refused. */
function boundRun(context: SerializationContext | undefined) {
  return context?.type === 'workflow'
    ? { namespace: context.namespace, workflowId: context.workflowId }
    : undefined;
}

/**
 * A Schedule names its runs `<action's workflow id>-<nominal time>`, while the client seals the
 * action for the bare id, and each run hands its result to the next: runs of one schedule count
 * as one.
 */
const withoutScheduleTime = (workflowId: string) =>
  workflowId.replace(/-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, '');

function sameRun(
  sealed: { namespace: string; workflowId: string },
  opened: { namespace: string; workflowId: string },
): boolean {
  return (
    sealed.namespace === opened.namespace &&
    withoutScheduleTime(sealed.workflowId) === withoutScheduleTime(opened.workflowId)
  );
}

/** What GCM authenticates besides the ciphertext: every metadata entry the decoder relies on. */
function additionalData(
  keyId: string,
  run: { namespace: string; workflowId: string } | undefined,
): Buffer {
  return text(
    JSON.stringify([CIPHER_NAME, keyId, run?.namespace ?? null, run?.workflowId ?? null]),
  );
}

/** A JSON payload the host recognises as "not verified" (workflows/contract.ts). */
export function unverifiedMarker(reason: UnverifiedReason): Payload {
  return {
    metadata: { encoding: text('json/plain') },
    data: text(JSON.stringify({ [UNVERIFIED_PAYLOAD]: reason })),
  };
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(
    keys: readonly PayloadKey[],
    private readonly options: PayloadCodecOptions = {},
  ) {
    const [first] = keys;
    if (!first) throw new Error('the payload codec needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== KEY_LENGTH) throw new Error(`payload key "${id}" is not 32 bytes`);
    }
    this.current = first;
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const run = boundRun(context);
    return Promise.resolve(payloads.map((payload) => this.seal(payload, run)));
  }

  decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return Promise.resolve(payloads.map((payload) => this.open(payload, context)));
  }

  private seal(payload: Payload, run: { namespace: string; workflowId: string } | undefined) {
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv(CIPHER, this.current.key, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(additionalData(this.current.id, run));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [meta.encoding]: text(ENCRYPTED_ENCODING),
        [meta.keyId]: text(this.current.id),
        [meta.cipher]: text(CIPHER_NAME),
        ...(run
          ? { [meta.namespace]: text(run.namespace), [meta.workflowId]: text(run.workflowId) }
          : {}),
      },
      data: sealed,
    };
  }

  private open(payload: Payload, context: SerializationContext | undefined): Payload {
    const refuse = (reason: UnverifiedReason) => {
      this.options.onRefused?.(reason, context);
      return unverifiedMarker(reason);
    };
    if (read(payload, meta.encoding) !== ENCRYPTED_ENCODING) {
      return this.options.acceptPlain ? payload : refuse('notEncrypted');
    }
    const keyId = read(payload, meta.keyId) ?? '';
    const key = this.byId.get(keyId);
    if (!key) return refuse('unknownKey');
    const namespace = read(payload, meta.namespace);
    const workflowId = read(payload, meta.workflowId);
    const run =
      namespace !== undefined && workflowId !== undefined ? { namespace, workflowId } : undefined;
    // Decoded for another run than the one it was sealed for: a copy, not the caller's request.
    const expected = boundRun(context);
    if (run && expected && !sameRun(run, expected)) return refuse('otherRun');
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_LENGTH + TAG_LENGTH) return refuse('tampered');
    try {
      const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_LENGTH), {
        authTagLength: TAG_LENGTH,
      });
      decipher.setAAD(additionalData(keyId, run));
      decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_LENGTH, data.length - TAG_LENGTH)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      return refuse('tampered');
    }
  }
}
