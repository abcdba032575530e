/** Bearer-token authentication: the actor always comes from the credential, never the body. */
import type { RequestHandler, Response } from 'express';
import type { Actor } from '../machines/actors';
import { HttpError } from './http-errors';
import type { TokenRegistry } from './tokens';

/** RFC 6750: a 401 names the scheme the caller should use. */
const challenge = (response: Response) =>
  response.setHeader('WWW-Authenticate', 'Bearer realm="dso-lv"');

export function authenticate(tokens: TokenRegistry): RequestHandler {
  return (request, response, next) => {
    const header = request.get('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      challenge(response);
      next(
        new HttpError(
          401,
          'unauthenticated',
          'send "Authorization: Bearer <token>"; tokens are in the token file',
        ),
      );
      return;
    }
    const actor = tokens.actorFor(match[1]);
    if (!actor) {
      challenge(response);
      next(new HttpError(401, 'unauthenticated', 'unknown token'));
      return;
    }
    response.locals.actor = actor;
    next();
  };
}

export function actorOf(response: Response): Actor {
  return (response.locals as { actor: Actor }).actor;
}
