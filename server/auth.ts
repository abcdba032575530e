/**
 * Bearer-token authentication: the actor always comes from the credential, never the body. A
 * credential is a token of the token file, or, where OpenID Connect is configured, an access
 * token (a JWT) of its issuer.
 */
import type { RequestHandler, Response } from 'express';
import type { Actor } from '../machines/actors';
import { HttpError } from './http-errors';
import { looksLikeJwt, type OidcVerifier } from './oidc';
import type { TokenRegistry } from './tokens';

/** RFC 6750: a 401 names the scheme the caller should use, and for a bad token says so. */
const challenge = (response: Response, invalid: boolean) =>
  response.setHeader(
    'WWW-Authenticate',
    invalid ? 'Bearer realm="dso-lv", error="invalid_token"' : 'Bearer realm="dso-lv"',
  );

/** The actor of a credential, or the HttpError that refuses it. */
export async function actorOfToken(
  token: string,
  tokens: TokenRegistry,
  oidc: OidcVerifier | undefined,
): Promise<Actor> {
  const actor = tokens.actorFor(token);
  if (actor) return actor;
  if (oidc && looksLikeJwt(token)) return oidc.actorFor(token);
  throw new HttpError(401, 'unauthenticated', 'unknown token');
}

export function authenticate(tokens: TokenRegistry, oidc?: OidcVerifier): RequestHandler {
  return async (request, response, next) => {
    const header = request.get('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      challenge(response, false);
      next(
        new HttpError(
          401,
          'unauthenticated',
          oidc
            ? 'send "Authorization: Bearer <token>": a token of the token file or an access token of the OpenID provider'
            : 'send "Authorization: Bearer <token>"; tokens are in the token file',
        ),
      );
      return;
    }
    try {
      response.locals.actor = await actorOfToken(match[1], tokens, oidc);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) challenge(response, true);
      next(error);
      return;
    }
    next();
  };
}

export function actorOf(response: Response): Actor {
  return (response.locals as { actor: Actor }).actor;
}
