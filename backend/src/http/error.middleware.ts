import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ValidateError, type FieldErrors } from '@tsoa/runtime';
import { DomainError, ValidationFailed } from '../domain/shared/domain-error.js';
import type { Logger } from '../application/ports/logger.port.js';
import { settleLimitHeaders } from './limit-headers.js';
import {
  HttpProblem,
  isProblemCode,
  problem,
  PROBLEM_CONTENT_TYPE,
  type ProblemCode,
  type ProblemDetails,
} from './problem-details.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

/** tsoa names fields after the parameter (`body.title`, `requestBody.title`): clients know them as `title`. */
function clientPath(key: string): string {
  return key.replace(/^(body|requestBody)\.?/, '') || 'body';
}

function fromValidateError(error: ValidateError): ProblemDetails['errors'] {
  const fields: FieldErrors = error.fields ?? {};
  return Object.entries(fields).map(([key, field]) => ({ path: clientPath(key), message: field.message }));
}

/** The problem body (and headers) any error answers with; also used for SSE `error` events. */
export function toProblem(
  error: unknown,
  exposeStack: boolean,
): { body: ProblemDetails; headers: Record<string, string> } {
  if (error instanceof HttpProblem) {
    return { body: problem(error.code, error.message, error.extensions), headers: error.headers };
  }
  if (error instanceof ValidateError) {
    return {
      body: problem('validation_failed', 'Some fields are invalid.', { errors: fromValidateError(error) }),
      headers: {},
    };
  }
  if (error instanceof ValidationFailed) {
    return {
      body: problem('validation_failed', 'Some fields are invalid.', {
        errors: error.errors.map((e) => ({ ...e })),
      }),
      headers: {},
    };
  }
  if (error instanceof DomainError && isProblemCode(error.code)) {
    const headers: Record<string, string> = {};
    // 429s and 503s say when to come back (rate limits, quotas, throttling, an open circuit).
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfter)));
    }
    return { body: problem(error.code, error.message, { ...error.details }), headers };
  }
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return { body: problem('bad_request', 'The request body is not valid JSON.'), headers: {} };
    case 'entity.too.large':
      return {
        body: problem(
          'payload_too_large',
          `The request body is larger than ${parserError.limit ?? 'the limit'} bytes.`,
        ),
        headers: {},
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { body: problem('unsupported_media_type', parserError.message), headers: {} };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { body: problem('bad_request', parserError.message), headers: {} };
  }
  // Other 4xx http-errors from express's own middleware (serve-static's 404, for one). Their
  // message is shown only when marked safe: a file-system error would reveal server paths.
  const status = parserError?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const byStatus: Record<number, ProblemCode> = {
      404: 'not_found',
      405: 'method_not_allowed',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
    };
    const code = byStatus[status] ?? 'bad_request';
    const detail = parserError.expose
      ? parserError.message
      : code === 'not_found'
        ? 'The requested resource does not exist.'
        : 'The request cannot be served.';
    return { body: problem(code, detail), headers: {} };
  }
  const body = problem(
    'internal_error',
    'Something went wrong on our side. The request id helps us find it.',
  );
  if (exposeStack && error instanceof Error) body.stack = error.stack;
  return { body, headers: {} };
}

/**
 * The one error middleware: every error from every layer leaves as problem+json. Controllers
 * throw; they never translate. 5xx are logged with the cause; 4xx are the client's business.
 */
export function errorMiddleware(logger: Logger, options: { exposeStack: boolean }): ErrorRequestHandler {
  return async (error, req, res, _next) => {
    const { body, headers } = toProblem(error, options.exposeStack);
    body.requestId = String(req.id ?? '');
    if (res.headersSent) {
      // A stream already started: the status is gone, so only log and end the response.
      logger.error({ err: error }, 'error after the response started');
      if (!res.writableEnded) res.end();
      return;
    }
    if (body.status >= 500) logger.error({ err: error, code: body.code }, 'request failed');
    else logger.debug({ code: body.code, status: body.status }, 'request rejected');
    // First, so that the error's own headers (a 429's Retry-After and numbers) win.
    await settleLimitHeaders(res);
    if (res.headersSent) return;
    res.status(body.status);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (body.code === 'unauthenticated' && !res.hasHeader('WWW-Authenticate')) {
      // RFC 6750: say "invalid_token" when one was presented, so clients know to refresh.
      res.setHeader(
        'WWW-Authenticate',
        req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer',
      );
    }
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem('not_found', `No route matches ${req.method} ${req.originalUrl.split('?')[0]}.`));
};
