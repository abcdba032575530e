/** The API's error answers: JSON `{error, message, details}` with a precise status. */
import type { ErrorRequestHandler } from 'express';
import type { ZodError } from 'zod';

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

export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    if (error instanceof HttpError) {
      response.status(error.status).json({
        error: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      });
      return;
    }
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.parse.failed') {
      response.status(400).json({ error: 'invalid_json', message: 'the body is not valid JSON' });
      return;
    }
    if (parserError.type === 'entity.too.large') {
      response
        .status(413)
        .json({ error: 'body_too_large', message: 'the body is larger than 100 kB' });
      return;
    }
    log('unhandled error', error);
    response.status(500).json({ error: 'internal', message: 'an unexpected error occurred' });
  };
}
