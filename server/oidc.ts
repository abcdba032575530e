/**
 * OpenID Connect access tokens: a JWT from the configured issuer, found through its discovery
 * document, signed by a key of its JWKS with an allowed algorithm, for this API's audience and
 * not expired. Its claims are mapped to an actor (oidc-actor.ts).
 */
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import { z } from 'zod';
import type { Actor } from '../machines/actors';
import { HttpError } from './http-errors';
import { actorFromClaims } from './oidc-actor';
import type { OidcSettings } from './oidc-config';

// jose is an ES module only; Node (≥ 20.19) requires it from this CommonJS build natively.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = require('jose') as typeof Jose;

const discoverySchema = z.looseObject({
  issuer: z.string(),
  jwks_uri: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
});
export type Discovery = z.infer<typeof discoverySchema>;

/** Why a token was refused, for the problem's `details.reason` (the dashboard words it). */
export type Refusal =
  | 'malformed'
  | 'unsigned'
  | 'algorithm-not-allowed'
  | 'bad-signature'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-claim';

const refused = (reason: Refusal, detail: string) =>
  new HttpError(401, 'unauthenticated', detail, { reason });

/** A compact JWS: three base64url parts. Token-file tokens are hex, so never look like one. */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

function refusalOf(error: unknown, settings: OidcSettings): HttpError {
  const { errors } = jose;
  if (error instanceof errors.JWTExpired) return refused('expired', 'the access token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') {
      return refused('wrong-issuer', `the access token was not issued by ${settings.issuer}`);
    }
    if (error.claim === 'aud') {
      return refused('wrong-audience', `the access token is not for ${settings.audience}`);
    }
    if (error.claim === 'nbf' || error.claim === 'iat') {
      return refused('not-yet-valid', 'the access token is not valid yet');
    }
    return refused('missing-claim', `the access token's "${error.claim}" claim: ${error.reason}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return refused(
      'algorithm-not-allowed',
      `the access token is signed with an algorithm not allowed here (${settings.algorithms.join(', ')})`,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refused('bad-signature', "the access token's signature does not verify");
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return refused('unknown-key', `no key of ${settings.issuer} signed the access token`);
  }
  if (error instanceof errors.JWKSTimeout) {
    return new HttpError(503, 'not_ready', `the keys of ${settings.issuer} did not arrive in time`);
  }
  if (error instanceof errors.JOSEError) {
    return refused('malformed', `the access token is not a valid JWT (${error.code})`);
  }
  throw error;
}

export class OidcVerifier {
  private discovery: Promise<Discovery> | undefined;
  private keys: ReturnType<typeof jose.createRemoteJWKSet> | undefined;

  constructor(readonly settings: OidcSettings) {}

  /** The issuer's discovery document, fetched once; a failure is retried on the next call. */
  discover(): Promise<Discovery> {
    this.discovery ??= this.fetchDiscovery().catch((error: unknown) => {
      this.discovery = undefined;
      throw new HttpError(
        503,
        'not_ready',
        `the OpenID provider ${this.settings.issuer} does not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return this.discovery;
  }

  private async fetchDiscovery(): Promise<Discovery> {
    const url = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const document = discoverySchema.parse(await response.json());
    // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
    if (document.issuer !== this.settings.issuer) {
      throw new Error(`${url} names issuer ${document.issuer}, not ${this.settings.issuer}`);
    }
    this.keys = jose.createRemoteJWKSet(new URL(document.jwks_uri));
    return document;
  }

  /** The actor a valid access token stands for; else a 401 (or 403 for a role we do not know). */
  async actorFor(token: string): Promise<Actor> {
    let header: Jose.ProtectedHeaderParameters;
    try {
      header = jose.decodeProtectedHeader(token);
    } catch {
      throw refused('malformed', 'the access token is not a valid JWT');
    }
    // jose would refuse it as an algorithm not allowed; the caller learns the real reason.
    if (header.alg === undefined || header.alg.toLowerCase() === 'none') {
      throw refused('unsigned', 'the access token is not signed (alg "none")');
    }
    await this.discover();
    const keys = this.keys;
    if (!keys) throw new HttpError(503, 'not_ready', 'the OpenID provider has no keys');
    let payload: Jose.JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.settings.algorithms,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw refusalOf(error, this.settings);
    }
    return actorFromClaims(payload, this.settings);
  }
}
