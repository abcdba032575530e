/**
 * Operator credentials: bearer tokens, each mapped to an actor (role, and party or organisation).
 * For local use the file is created on first start with one token per actor; in production it is
 * provisioned.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { actorSchema, parties, type Actor } from '../machines/actors';
import { operationalManagers } from '../machines/organisations';

/** The roles whose actor is an organisation: the OBOs, and the TBO where its token names one. */
const organisationRoles: readonly string[] = ['obo', 'tbo'];
const knownIds = operationalManagers.map((o) => `"${o.id}"`).join(', ');

/**
 * An operator's actor. An OBO acts for its own organisation only, so a token without one (files
 * from before, with one "obo" for every OBO) is refused at start rather than left to act for none.
 */
const tokenActorSchema = actorSchema.superRefine((actor, context) => {
  if (actor.role === 'obo' && actor.organisation === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['organisation'],
      message:
        `an operational manager (obo) acts for one organisation: give this actor "organisation" ` +
        `(${knownIds} or another organisation's id), one token per OBO, or delete the file to ` +
        'have it created again with obo-kadaster, obo-geonovum and obo-koop',
    });
  }
  if (actor.organisation !== undefined && !organisationRoles.includes(actor.role)) {
    context.addIssue({
      code: 'custom',
      path: ['organisation'],
      message: 'only an operational manager (obo) or the tactical manager (tbo) is an organisation',
    });
  }
});

const tokenFileSchema = z.object({
  tokens: z
    .array(
      z.object({
        token: z.string().min(16, 'a token has at least 16 characters'),
        actor: tokenActorSchema,
      }),
    )
    .min(1),
});
export type TokenFile = z.infer<typeof tokenFileSchema>;

/**
 * One actor per role, one per government where a role acts per government, and one per known
 * operational manager (each acts for its own organisation).
 */
export function defaultActors(): Actor[] {
  return [
    { id: 'programma-dso', role: 'programme' },
    { id: 'ontwikkelpartij', role: 'developer' },
    ...parties.map((party): Actor => ({ id: `ogb-${party}`, role: 'ogb', party })),
    { id: 'tbo', role: 'tbo' },
    ...operationalManagers.map((o): Actor => ({
      id: `obo-${o.id}`,
      role: 'obo',
      organisation: o.id,
    })),
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
