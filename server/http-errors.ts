/**
 * The API's error answers: `application/problem+json` (RFC 9457) with a stable type per rule, the
 * product's own `code`, every invalid field at once in `errors`, and a precise status.
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { ZodError } from 'zod';
import type { Logger } from './logger';
import {
  PROBLEM_CONTENT_TYPE,
  problemSlugFor,
  problemTypes,
  problemTypeUri,
  type InvalidParam,
  type Problem,
  type ProblemSlug,
} from './problems';
import { noteErrorCode, requestIdOf } from './request-logging';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly errors?: InvalidParam[],
    /** The rule that refused it, where the code alone does not say (e.g. a party mismatch). */
    readonly slug?: ProblemSlug,
  ) {
    super(message);
  }
}

export type ParamLocation = InvalidParam['in'];

export function invalidParams(
  error: ZodError,
  location: ParamLocation,
  prefix?: string,
): InvalidParam[] {
  return error.issues.map((issue) => ({
    name: [prefix, ...issue.path.map(String)].filter((part) => part !== undefined).join('.'),
    in: location,
    code: issue.code,
    detail: issue.message,
  }));
}

export const badRequest = (
  code: string,
  message: string,
  error: ZodError,
  location: ParamLocation,
  prefix?: string,
) => new HttpError(400, code, message, undefined, invalidParams(error, location, prefix));

/** The path the problem occurred on, without the query string (it may hold a calendar token). */
const instanceOf = (request: Request): string => request.originalUrl.split('?')[0] ?? '/';

/** Writes one problem answer; every error path of the API ends here. */
export function sendProblem(
  request: Request,
  response: Response,
  error: Pick<HttpError, 'status' | 'code' | 'message' | 'details' | 'errors' | 'slug'>,
): void {
  const slug = error.slug ?? problemSlugFor(error.code, error.status);
  const problem: Problem = {
    type: problemTypeUri(slug),
    title: problemTypes[slug].title,
    status: error.status,
    detail: error.message,
    instance: instanceOf(request),
    code: error.code,
    ...(error.errors && error.errors.length > 0 ? { errors: error.errors } : {}),
    ...(error.details === undefined ? {} : { details: error.details }),
  };
  noteErrorCode(response, error.code);
  response.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** What body-parser (and its raw-body and iconv helpers) throw, by their `type`. */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

const bodyParserProblems: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'the body is not valid JSON'],
  'entity.too.large': [413, 'body_too_large', 'the body is larger than 100 kB'],
  'entity.too.deep': [400, 'invalid_json', 'the body nests deeper than the API accepts'],
  'charset.unsupported': [415, 'unsupported_media_type', 'send JSON in UTF-8 (charset=utf-8)'],
  'encoding.unsupported': [
    415,
    'unsupported_media_type',
    'unknown Content-Encoding; send identity, gzip, deflate or br',
  ],
  'request.aborted': [400, 'invalid_body', 'the request was aborted before its body arrived'],
  'request.size.invalid': [400, 'invalid_body', 'the body is not as long as Content-Length says'],
  'parameters.too.many': [413, 'body_too_large', 'the body has too many parameters'],
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    if (error instanceof HttpError) {
      sendProblem(request, response, error);
      return;
    }
    const parserError = error as BodyParserError;
    const known = parserError.type === undefined ? undefined : bodyParserProblems[parserError.type];
    if (known) {
      const [status, code, message] = known;
      sendProblem(request, response, { status, code, message });
      return;
    }
    // Any other client error the HTTP stack raised on its own: its status, never a 500.
    if (
      parserError.expose === true &&
      typeof parserError.status === 'number' &&
      parserError.status >= 400 &&
      parserError.status < 500
    ) {
      sendProblem(request, response, {
        status: parserError.status,
        code: 'invalid_body',
        message: parserError.message ?? 'the request cannot be read',
      });
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
    sendProblem(request, response, {
      status: 500,
      code: 'internal',
      message: 'an unexpected error occurred',
    });
  };
}
