/**
 * The environment variables of OpenID Connect sign-in: which issuer's access tokens the API
 * accepts, for which audience, signed how, and which claims say the caller's role and party.
 * Unset OIDC_ISSUER: only the token file signs in (the embedded default).
 */
import { z } from 'zod';
import { partySchema, roleSchema, type Party, type Role } from '../machines/actors';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * Asymmetric algorithms only: a shared-secret (HS*) token could be minted by anyone holding the
 * secret, and "none" is no signature at all.
 */
export const oidcAlgorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== ''),
);

/** `claim value=target,…`, e.g. `DSO-TBO=tbo`; a value may itself hold no "=" or ",". */
const mapOf = <T extends z.ZodType>(target: T, example: string) =>
  list
    .transform((pairs, context) => {
      const entries: [string, unknown][] = [];
      for (const pair of pairs) {
        const at = pair.lastIndexOf('=');
        if (at <= 0) {
          context.addIssue({
            code: 'custom',
            message: `expected value=target pairs, e.g. ${example}`,
          });
          return z.NEVER;
        }
        entries.push([pair.slice(0, at).trim(), pair.slice(at + 1).trim()]);
      }
      return Object.fromEntries(entries);
    })
    .pipe(z.record(z.string(), target));

/** A claim's name, or a dotted path into nested claims (e.g. `realm_access.roles`). */
const claimName = z
  .string()
  .regex(/^[A-Za-z0-9_:\-/]+(\.[A-Za-z0-9_:\-/]+)*$/, 'expected a claim name or a dotted path');

export const oidcEnvironment = {
  OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })),
  OIDC_AUDIENCE: optional(z.string().min(1)),
  /** The dashboard's client id at the issuer (a public client: code flow with PKCE). */
  OIDC_CLIENT_ID: optional(z.string().min(1)),
  OIDC_SCOPE: optional(z.string().min(1)).default('openid'),
  OIDC_ALGORITHMS: optional(
    list.pipe(
      z
        .array(z.enum(oidcAlgorithms, { error: `expected some of ${oidcAlgorithms.join(', ')}` }))
        .min(1),
    ),
  ).default(['RS256', 'PS256', 'ES256']),
  OIDC_ACTOR_CLAIM: optional(claimName).default('sub'),
  OIDC_ROLE_CLAIM: optional(claimName).default('role'),
  OIDC_PARTY_CLAIM: optional(claimName).default('party'),
  OIDC_ORGANISATION_CLAIM: optional(claimName).default('organisation'),
  OIDC_ROLE_MAP: optional(mapOf(roleSchema, 'DSO-TBO=tbo,DSO-OGB=ogb')),
  OIDC_PARTY_MAP: optional(mapOf(partySchema, '00000001003214345000=rijk')),
};

type OidcEnvironment = z.infer<z.ZodObject<typeof oidcEnvironment>>;

export function checkOidcEnvironment(e: OidcEnvironment, context: z.RefinementCtx): void {
  if (e.OIDC_ISSUER !== undefined && e.OIDC_AUDIENCE === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['OIDC_AUDIENCE'],
      message: "required when OIDC_ISSUER is set: the API's audience in its access tokens",
    });
  }
  for (const name of ['OIDC_AUDIENCE', 'OIDC_CLIENT_ID'] as const) {
    if (e.OIDC_ISSUER === undefined && e[name] !== undefined) {
      context.addIssue({ code: 'custom', path: [name], message: 'needs OIDC_ISSUER' });
    }
  }
}

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Unset: the API takes the issuer's tokens, but the dashboard signs in with a token. */
  clientId: string | undefined;
  scope: string;
  algorithms: string[];
  claims: { actor: string; role: string; party: string; organisation: string };
  /** Claim value → role; without a map the claim holds the role's own id (e.g. "tbo"). */
  roleMap: Record<string, Role> | undefined;
  partyMap: Record<string, Party> | undefined;
}

export function oidcSettingsFrom(e: OidcEnvironment): OidcSettings | undefined {
  if (e.OIDC_ISSUER === undefined || e.OIDC_AUDIENCE === undefined) return undefined;
  return {
    issuer: e.OIDC_ISSUER,
    audience: e.OIDC_AUDIENCE,
    clientId: e.OIDC_CLIENT_ID,
    scope: e.OIDC_SCOPE,
    algorithms: e.OIDC_ALGORITHMS,
    claims: {
      actor: e.OIDC_ACTOR_CLAIM,
      role: e.OIDC_ROLE_CLAIM,
      party: e.OIDC_PARTY_CLAIM,
      organisation: e.OIDC_ORGANISATION_CLAIM,
    },
    roleMap: e.OIDC_ROLE_MAP,
    partyMap: e.OIDC_PARTY_MAP,
  };
}
