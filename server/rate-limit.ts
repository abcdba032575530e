/**
 * Requests per caller and minute, so one script gone wrong cannot crowd out the other operators.
 * A caller is its bearer token when that token is valid (each operator has one); anything else —
 * no token, or one the registry does not know — counts against its address, so that made-up
 * tokens do not each get a fresh bucket.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { sendProblem } from './http-errors';
import type { TokenRegistry } from './tokens';

/** The credential sent: the bearer header, however it spells "Bearer", or the calendar's ?token=. */
function tokenOf(request: Request): string | undefined {
  const header = request
    .get('authorization')
    ?.trim()
    .replace(/^bearer\s+/i, '');
  if (header) return header;
  const query: unknown = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof query === 'string' && query !== '' ? query : undefined;
}

function callerKey(request: Request, tokens: TokenRegistry): string {
  const token = tokenOf(request);
  // Counted by a digest: the limiter's memory holds no credentials.
  if (token && tokens.actorFor(token)) {
    return `token:${createHash('sha256').update(token).digest('hex')}`;
  }
  return `address:${ipKeyGenerator(request.ip ?? 'unknown')}`;
}

function limiter(perMinute: number, tokens: TokenRegistry, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) => callerKey(request, tokens),
    handler: (request, response, _next, options) => {
      const retryAfterSeconds = Math.ceil(options.windowMs / 1000);
      response.set('Retry-After', String(retryAfterSeconds));
      sendProblem(request, response, {
        status: 429,
        code: 'rate_limited',
        message: `more than ${perMinute} ${what} a minute from this caller; try again later`,
        details: { limitPerMinute: perMinute, retryAfterSeconds },
      });
    },
  });
}

export function rateLimitPerCaller(perMinute: number, tokens: TokenRegistry): RequestHandler {
  return limiter(perMinute, tokens, 'requests');
}

/** How long a caller refused for a busy calendar should wait: about one build. */
const CALENDAR_BUSY_RETRY_SECONDS = 5;

/**
 * The calendar feed reads every running run's view (seconds and most of a megabyte for a few
 * hundred runs): a lower limit per caller of its own, and at most `maxConcurrent` built at once.
 */
export function calendarLimits(
  perMinute: number,
  maxConcurrent: number,
  tokens: TokenRegistry,
): RequestHandler[] {
  let building = 0;
  const concurrency: RequestHandler = (request, response, next) => {
    if (building >= maxConcurrent) {
      response.set('Retry-After', String(CALENDAR_BUSY_RETRY_SECONDS));
      sendProblem(request, response, {
        status: 429,
        code: 'rate_limited',
        message: `${maxConcurrent} calendars are being built; try again in a few seconds`,
        details: { maxConcurrent, retryAfterSeconds: CALENDAR_BUSY_RETRY_SECONDS },
      });
      return;
    }
    building++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      building--;
    };
    response.once('finish', release);
    response.once('close', release);
    next();
  };
  return [limiter(perMinute, tokens, 'calendar requests'), concurrency];
}
