/**
 * Operator credentials: bearer tokens, each mapped to an actor (role and party). For local use the
 * file is created on first start with one token per actor; in production it is provisioned.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { actorSchema, parties, type Actor } from '../machines/actors';

const tokenFileSchema = z.object({
  tokens: z
    .array(
      z.object({
        token: z.string().min(16, 'a token has at least 16 characters'),
        actor: actorSchema,
      }),
    )
    .min(1),
});
export type TokenFile = z.infer<typeof tokenFileSchema>;

/** One actor per role, and one per government where a role acts per government. */
export function defaultActors(): Actor[] {
  return [
    { id: 'programma-dso', role: 'programme' },
    { id: 'ontwikkelpartij', role: 'developer' },
    ...parties.map((party): Actor => ({ id: `ogb-${party}`, role: 'ogb', party })),
    { id: 'tbo', role: 'tbo' },
    { id: 'obo', role: 'obo' },
    { id: 'sbo', role: 'sbo', party: 'rijk' },
    ...parties.map((party): Actor => ({ id: `bo-${party}`, role: 'bo', party })),
    { id: 'minister-bzk', role: 'minister', party: 'rijk' },
  ];
}

export function createTokenFile(path: string): TokenFile {
  const file: TokenFile = {
    tokens: defaultActors().map((actor) => ({ token: randomBytes(24).toString('hex'), actor })),
  };
  // Only a new folder gets 700; the data folder is tightened where the dev server starts.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export function readTokenFile(path: string): TokenFile {
  const parsed = tokenFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path} is not a valid token file: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/** Reads the token file, creating it first when it does not exist. */
export function ensureTokenFile(path: string): { file: TokenFile; created: boolean } {
  if (existsSync(path)) return { file: readTokenFile(path), created: false };
  return { file: createTokenFile(path), created: true };
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Looks tokens up by digest, so that lookups do not compare secrets character by character. */
export class TokenRegistry {
  private readonly byDigest: Map<string, Actor>;

  constructor(file: TokenFile) {
    this.byDigest = new Map(file.tokens.map(({ token, actor }) => [digest(token), actor]));
  }

  actorFor(token: string): Actor | undefined {
    return this.byDigest.get(digest(token));
  }
}
