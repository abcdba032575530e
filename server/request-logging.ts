/**
 * Every request gets an id (the caller's `X-Request-Id` when it is sane, else a fresh UUID), echoed
 * in the answer, and one access line when it is answered: requestId, method, route pattern,
 * status, duration, the actor and the workflow when known.
 */
import type { RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../machines/actors';
import type { Logger } from './logger';
import { routePatternOf } from './route-pattern';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Echoed and logged as is, so it must not carry line breaks, quotes or unbounded length.
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/);

/** Probes and scrapes would drown the operators' requests; they log at debug. */
const quietRoutes = new Set(['/api/v1/health', '/api/v1/ready', '/metrics']);

interface LoggingLocals {
  requestId?: string;
  workflowId?: string;
  errorCode?: string;
  actor?: Actor;
}

const localsOf = (response: Response) => response.locals as LoggingLocals;

/** The workflow a request acts on, for its access line. */
export function noteWorkflow(response: Response, workflowId: string): void {
  localsOf(response).workflowId = workflowId;
}

/** The error code an answer carries, for its access line. */
export function noteErrorCode(response: Response, code: string): void {
  localsOf(response).errorCode = code;
}

export function requestIdOf(response: Response): string | undefined {
  return localsOf(response).requestId;
}

export function requestLogging(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const given = requestIdSchema.safeParse(request.get(REQUEST_ID_HEADER));
    const requestId = given.success ? given.data : randomUUID();
    const locals = localsOf(response);
    locals.requestId = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = routePatternOf(request);
      const line = {
        requestId,
        method: request.method,
        route,
        status: response.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        ...(locals.actor ? { actorId: locals.actor.id } : {}),
        ...(locals.workflowId ? { workflowId: locals.workflowId } : {}),
        ...(locals.errorCode ? { error: locals.errorCode } : {}),
      };
      if (quietRoutes.has(route)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}
