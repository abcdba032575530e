/**
 * Requests per caller and minute, so one script gone wrong cannot crowd out the other operators.
 * A caller is its bearer token (each operator has one), or its address when it sends none.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { sendProblem } from './http-errors';

export function rateLimitPerCaller(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) => {
      // The token, however the header spells "Bearer" and its spaces: one caller, one bucket.
      const token = request
        .get('authorization')
        ?.trim()
        .replace(/^bearer\s+/i, '');
      // Counted by a digest: the limiter's memory holds no credentials.
      if (token) return createHash('sha256').update(token).digest('hex');
      return ipKeyGenerator(request.ip ?? 'unknown');
    },
    handler: (request, response, _next, options) => {
      const retryAfterSeconds = Math.ceil(options.windowMs / 1000);
      response.set('Retry-After', String(retryAfterSeconds));
      sendProblem(request, response, {
        status: 429,
        code: 'rate_limited',
        message: `more than ${perMinute} requests a minute from this caller; try again later`,
        details: { limitPerMinute: perMinute, retryAfterSeconds },
      });
    },
  });
}
