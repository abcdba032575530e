/**
 * From a verified access token's claims to the actor of the arrangement: the role (through the
 * configured map), the government (party) and the organisation. A token that names no role of
 * the arrangement is a valid sign-in without a place in it: 403, saying which claim held what.
 */
import {
  organisationIdSchema,
  partySchema,
  roles,
  roleSchema,
  type Actor,
  type Party,
  type Role,
} from '../machines/actors';
import { organisationIdOf } from '../machines/organisations';
import { HttpError } from './http-errors';
import type { OidcSettings } from './oidc-config';

/** The roles whose members act for one government, and those that act for an organisation. */
const partyRoles: readonly Role[] = ['ogb', 'bo'];
const organisationRoles: readonly Role[] = ['obo', 'tbo'];

/** A claim by name, or by a dotted path into nested objects (Keycloak's `realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim's string values: a string, or the strings of an array (groups, roles). */
function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

const forbidden = (message: string, details: Record<string, unknown>) =>
  new HttpError(403, 'forbidden', message, details, undefined, 'wrong-role');

function roleOf(claims: Record<string, unknown>, settings: OidcSettings): Role {
  const claim = settings.claims.role;
  const given = valuesOf(claimAt(claims, claim));
  const mapped = new Set(
    given.flatMap((value) => {
      const role = settings.roleMap ? settings.roleMap[value] : roleSchema.safeParse(value).data;
      return role === undefined ? [] : [role];
    }),
  );
  const known = settings.roleMap ? Object.keys(settings.roleMap) : [...roles];
  if (mapped.size === 0) {
    throw forbidden(
      given.length === 0
        ? `the access token has no "${claim}" claim, which says the role in the arrangement`
        : `the access token's "${claim}" claim (${given.map((v) => `"${v}"`).join(', ')}) names no role of the arrangement; known: ${known.join(', ')}`,
      { reason: 'unknown-role', claim, values: given, known },
    );
  }
  if (mapped.size > 1) {
    throw forbidden(
      `the access token's "${claim}" claim names more than one role (${[...mapped].join(', ')}); an operator signs in for one`,
      { reason: 'ambiguous-role', claim, values: given },
    );
  }
  return [...mapped][0] as Role;
}

function partyOf(claims: Record<string, unknown>, settings: OidcSettings): Party | undefined {
  const claim = settings.claims.party;
  const [value] = valuesOf(claimAt(claims, claim));
  if (value === undefined) return undefined;
  const party = settings.partyMap ? settings.partyMap[value] : partySchema.safeParse(value).data;
  if (party === undefined) {
    throw forbidden(`the access token's "${claim}" claim ("${value}") names no government`, {
      reason: 'unknown-party',
      claim,
      values: [value],
    });
  }
  return party;
}

function organisationOf(claims: Record<string, unknown>, settings: OidcSettings) {
  const claim = settings.claims.organisation;
  const [value] = valuesOf(claimAt(claims, claim));
  if (value === undefined) return undefined;
  const id = organisationIdSchema.safeParse(organisationIdOf(value));
  if (!id.success) {
    throw forbidden(`the access token's "${claim}" claim ("${value}") names no organisation`, {
      reason: 'unknown-organisation',
      claim,
      values: [value],
    });
  }
  return id.data;
}

export function actorFromClaims(claims: Record<string, unknown>, settings: OidcSettings): Actor {
  const [id] = valuesOf(claimAt(claims, settings.claims.actor));
  if (id === undefined || id === '' || id.length > 200) {
    throw new HttpError(
      401,
      'unauthenticated',
      `the access token's "${settings.claims.actor}" claim does not name the operator`,
      { reason: 'missing-claim' },
    );
  }
  const role = roleOf(claims, settings);
  const party = partyOf(claims, settings);
  const organisation = organisationOf(claims, settings);
  if (partyRoles.includes(role) && party === undefined) {
    throw forbidden(
      `a member of the ${role.toUpperCase()} acts for one government: the access token's "${settings.claims.party}" claim is missing`,
      { reason: 'missing-party', claim: settings.claims.party },
    );
  }
  if (role === 'obo' && organisation === undefined) {
    throw forbidden(
      `an operational manager acts for one organisation: the access token's "${settings.claims.organisation}" claim is missing`,
      { reason: 'missing-organisation', claim: settings.claims.organisation },
    );
  }
  return {
    id,
    role,
    ...(party === undefined ? {} : { party }),
    // Only the OBOs and the TBO act as an organisation; anyone else's organisation claim is moot.
    ...(organisation !== undefined && organisationRoles.includes(role) ? { organisation } : {}),
  };
}
