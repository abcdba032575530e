/** The API's error answers: JSON `{error, message, details}` with a precise status. */
import type { ErrorRequestHandler } from 'express';
import type { ZodError } from 'zod';
import type { Logger } from './logger';
import { noteErrorCode, requestIdOf } from './request-logging';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function zodIssues(error: ZodError, prefix?: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== undefined).join('.'),
    message: issue.message,
  }));
}

export const badRequest = (code: string, message: string, error: ZodError, prefix?: string) =>
  new HttpError(400, code, message, { issues: zodIssues(error, prefix) });

interface BodyParserError {
  type?: string;
  status?: number;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const answer = (status: number, code: string, message: string, details?: unknown) => {
      noteErrorCode(response, code);
      response
        .status(status)
        .json({ error: code, message, ...(details === undefined ? {} : { details }) });
    };
    if (error instanceof HttpError) {
      answer(error.status, error.code, error.message, error.details);
      return;
    }
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.parse.failed') {
      answer(400, 'invalid_json', 'the body is not valid JSON');
      return;
    }
    if (parserError.type === 'entity.too.large') {
      answer(413, 'body_too_large', 'the body is larger than 100 kB');
      return;
    }
    logger.error(
      {
        err: error,
        requestId: requestIdOf(response),
        method: request.method,
        // The path only: the calendar takes a token in its query string.
        path: request.path,
      },
      'unhandled error',
    );
    answer(500, 'internal', 'an unexpected error occurred');
  };
}
