/**
 * The keys of the payload codec: from PAYLOAD_KEYS, or from a key file. The embedded product
 * creates its file on first start, as it does the token file; a cluster's API and workers must
 * share the same keys, so there they are always provisioned.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { KEY_LENGTH, type PayloadKey } from './payload-codec';

const keyId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'a key id is 1 to 64 of A-Z a-z 0-9 . _ -');
const keyMaterial = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a key is base64')
  .transform((text) => Buffer.from(text, 'base64'))
  .refine(
    (key) => key.length === KEY_LENGTH,
    `a key is ${KEY_LENGTH} bytes (44 base64 characters)`,
  );

const keyList = z
  .array(z.object({ id: keyId, key: keyMaterial }))
  .min(1, 'at least one key')
  .refine((keys) => new Set(keys.map((k) => k.id)).size === keys.length, 'key ids must differ');

/** `id:base64,id:base64`: the first key seals, every key opens. */
export const payloadKeysVariable = z
  .string()
  .transform((text) =>
    text.split(',').map((entry) => {
      const at = entry.indexOf(':');
      return { id: entry.slice(0, at).trim(), key: entry.slice(at + 1).trim() };
    }),
  )
  .pipe(keyList);

const keyFileSchema = z.object({ keys: keyList });

export interface PayloadKeySource {
  /** PAYLOAD_KEYS, when set; it wins over the file. */
  inline: PayloadKey[] | undefined;
  file: string;
  /** The embedded product makes its own key; a cluster must be given one. */
  createIfMissing: boolean;
}

export class PayloadKeyError extends Error {}

export function createPayloadKeyFile(path: string): PayloadKey[] {
  const key = { id: `local-${randomBytes(4).toString('hex')}`, key: randomBytes(KEY_LENGTH) };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const file = { keys: [{ id: key.id, key: key.key.toString('base64') }] };
  // 'wx': never overwrite a key another process has just written; losing it loses every run.
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return [key];
}

export function readPayloadKeyFile(path: string): PayloadKey[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PayloadKeyError(`${path} is not a payload key file: ${String(error)}`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new PayloadKeyError(
      `${path} is not a valid payload key file: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data.keys;
}

/** The keys to use, and where they came from; creates the embedded product's file when asked. */
export function ensurePayloadKeys(source: PayloadKeySource): {
  keys: PayloadKey[];
  origin: 'PAYLOAD_KEYS' | 'created' | 'file';
  /** Set when the key file can be read by others than its owner. */
  warning?: string;
} {
  if (source.inline) return { keys: source.inline, origin: 'PAYLOAD_KEYS' };
  if (existsSync(source.file)) {
    const keys = readPayloadKeyFile(source.file);
    const mode = statSync(source.file).mode & 0o777;
    return mode & 0o077
      ? {
          keys,
          origin: 'file',
          warning: `${source.file} can be read by others (mode ${mode.toString(8)}); chmod 600 it`,
        }
      : { keys, origin: 'file' };
  }
  if (!source.createIfMissing) {
    throw new PayloadKeyError(
      `no payload keys: set PAYLOAD_KEYS or provide ${source.file} (PAYLOAD_KEYS_FILE); ` +
        'the API and every worker of a cluster need the same keys',
    );
  }
  return { keys: createPayloadKeyFile(source.file), origin: 'created' };
}
