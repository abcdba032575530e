/**
 * The codec endpoint (`/codec`) of Temporal's codec-server protocol, so the Web UI and the CLI
 * can show sealed payloads: `POST /codec/decode` with `{payloads: [...]}` (proto3 JSON, bytes in
 * base64), for operators only. Browsers cannot send a bearer header from the Web UI, so an
 * operator may also sign in once at `/codec/login`: the token goes into an HttpOnly cookie the
 * UI sends along ("include cross-origin credentials").
 *
 * There is no encoding for callers: whoever could seal a payload could claim to be any actor.
 */
import express, { type Request, type Response } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../machines/actors';
import { processKinds } from '../machines/registry';
import { badRequest, HttpError } from './http-errors';
import { readableKinds } from './read-access';
import type { TokenRegistry } from './tokens';

export const CODEC_COOKIE = 'dso-lv-codec';
/** A working day: the cookie is the operator's credential, kept no longer than needed. */
const COOKIE_MAX_AGE_S = 8 * 60 * 60;
/** A run's continue-as-new input carries its whole audit history. */
const BODY_LIMIT = '8mb';

export interface CodecRouteOptions {
  codec: PayloadCodec;
  tokens: TokenRegistry;
  /** Origins of the Web UIs allowed to call from the browser (CORS). */
  corsOrigins: readonly string[];
  /** Mark the sign-in cookie Secure (the API is reached over HTTPS). */
  secureCookie: boolean;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');
const payloadsSchema = z.object({
  payloads: z
    .array(
      z.object({
        metadata: z.record(z.string(), base64).optional(),
        data: base64.optional(),
      }),
    )
    .max(10_000),
});
type JsonPayload = z.infer<typeof payloadsSchema>['payloads'][number];

const fromJson = (payload: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

function cookieToken(request: Request): string | undefined {
  for (const part of (request.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CODEC_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The bearer header first (the CLI's `--codec-auth`), else the sign-in cookie (the Web UI). */
function operatorOf(request: Request, tokens: TokenRegistry): Actor {
  const header = request.get('authorization');
  const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : cookieToken(request);
  if (!token) {
    throw new HttpError(
      401,
      'unauthenticated',
      'send "Authorization: Bearer <token>", or sign in at /codec/login for the Web UI',
    );
  }
  const actor = tokens.actorFor(token);
  if (!actor) throw new HttpError(401, 'unauthenticated', 'unknown token');
  return actor;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(response: Response, status: number, body: string): void {
  response
    .status(status)
    .type('html')
    .set('Content-Security-Policy', "default-src 'none'; form-action 'self'")
    .send(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>DSO-LV – Temporal Web UI</title></head><body>${body}</body></html>`,
    );
}

const loginForm = (notice = '') =>
  `<h1>Aanmelden voor de Temporal Web UI</h1>${notice}
<p>Met uw token kan de Web UI de versleutelde gegevens van de processen tonen.</p>
<form method="post" action="login"><label>Token <input name="token" type="password" autocomplete="off" required></label>
<button type="submit">Aanmelden</button></form>`;

export function codecRoute({
  codec,
  tokens,
  corsOrigins,
  secureCookie,
}: CodecRouteOptions): express.Router {
  const router = express.Router();
  const allowed = new Set(corsOrigins);

  // The Web UI calls from its own origin; only the configured ones get an answer they can read.
  router.use((request, response, next) => {
    const origin = request.get('origin');
    if (origin !== undefined && allowed.has(origin)) {
      response.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        Vary: 'Origin',
      });
    }
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    if (origin === undefined || !allowed.has(origin)) {
      throw new HttpError(403, 'origin_not_allowed', `origin ${origin ?? '(none)'} may not call`);
    }
    response
      .set({
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
        'Access-Control-Max-Age': '600',
      })
      .status(204)
      .end();
  });

  router.post('/decode', express.json({ limit: BODY_LIMIT }), async (request, response) => {
    const actor = operatorOf(request, tokens);
    // A payload can belong to any run: only roles that may read every kind may open them.
    if (readableKinds(actor).length < processKinds.length) {
      throw new HttpError(
        403,
        'not_readable',
        `${actor.role} may not read every kind of process, so it may not decode payloads`,
      );
    }
    const body = payloadsSchema.safeParse(request.body);
    if (!body.success)
      throw badRequest('invalid_body', 'expected {payloads: [...]}', body.error, 'body');
    const decoded = await codec.decode(body.data.payloads.map(fromJson));
    response.json({ payloads: decoded.map(toJson) });
  });

  router.post('/encode', (request) => {
    operatorOf(request, tokens);
    throw new HttpError(
      403,
      'encode_disabled',
      'payloads are sealed by the API and the workers only: send events through the API',
    );
  });

  router.get('/login', (_request, response) => page(response, 200, loginForm()));
  router.post(
    '/login',
    express.urlencoded({ extended: false, limit: '4kb' }),
    (request, response) => {
      const token = z.object({ token: z.string().trim().min(1) }).safeParse(request.body);
      const actor = token.success ? tokens.actorFor(token.data.token) : undefined;
      if (!token.success || !actor) {
        page(response, 401, loginForm('<p role="alert">Onbekend token.</p>'));
        return;
      }
      response.cookie(CODEC_COOKIE, token.data.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie,
        path: '/codec',
        maxAge: COOKIE_MAX_AGE_S * 1000,
      });
      page(
        response,
        200,
        `<h1>Aangemeld als ${escapeHtml(actor.id)}</h1><p>De Temporal Web UI toont nu de ` +
          `gegevens van de processen.</p><form method="post" action="logout">` +
          `<button type="submit">Afmelden</button></form>`,
      );
    },
  );
  router.post('/logout', (_request, response) => {
    response.clearCookie(CODEC_COOKIE, { path: '/codec' });
    page(response, 200, '<h1>Afgemeld</h1>');
  });
  return router;
}
