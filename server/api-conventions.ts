/**
 * What the NL API Design Rules ask of every answer and request of the API (ADR 2.1):
 * /core/version-header, /core/transport/security-headers, and "validate content types".
 */
import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';

/** The full version of the API; the major one is in the base path (/core/uri-version). */
export const API_VERSION = '1.0.0';
export const API_MAJOR = `v${API_VERSION.split('.')[0] ?? '1'}`;
export const API_BASE = `/api/${API_MAJOR}`;

/** On every answer of the product, API or not: the dashboard adds its own CSP (dashboard-headers). */
export const apiVersionHeader: RequestHandler = (_request, response, next) => {
  response.setHeader('API-Version', API_VERSION);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  next();
};

/** API answers are never cached (they carry process data) and are never rendered as pages. */
export const apiSecurityHeaders: RequestHandler = (_request, response, next) => {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  next();
};

const hasBody = (headers: Record<string, string | string[] | undefined>) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/** A body that is not JSON is refused with 415 instead of being read as an empty one. */
export const jsonContentOnly: RequestHandler = (request, _response, next) => {
  if (hasBody(request.headers) && !request.is('application/json')) {
    next(
      new HttpError(
        415,
        'unsupported_media_type',
        `send the body as application/json, not ${request.get('content-type') ?? 'without a Content-Type'}`,
      ),
    );
    return;
  }
  next();
};

/** A caller that accepts neither JSON nor problem+json gets 406 rather than an answer it refused. */
export function acceptsOnly(types: readonly string[]): RequestHandler {
  return (request, _response, next) => {
    if (request.get('accept') !== undefined && request.accepts([...types]) === false) {
      next(
        new HttpError(
          406,
          'not_acceptable',
          `this resource answers ${types.join(' or ')}, not ${request.get('accept') ?? ''}`,
        ),
      );
      return;
    }
    next();
  };
}
