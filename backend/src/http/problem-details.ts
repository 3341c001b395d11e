import { ValidateError, type FieldErrors } from '@tsoa/runtime';
import { DomainError, ValidationFailed } from '../domain/shared/domain-error.js';
import type { Problem } from './dtos/problem.dto.js';

/**
 * RFC 9457 problem details: the one error shape of the API. Each code has a stable type URI
 * (a URN: it identifies the problem and is documented in docs/api.md, it is not fetched).
 */
export type ProblemDetails = Problem & { [extension: string]: unknown };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Status and title for every code in API.md's error table. */
export const PROBLEM_CODES = {
  bad_request: { status: 400, title: 'Bad request' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  forbidden: { status: 403, title: 'Forbidden' },
  feature_disabled: { status: 403, title: 'Feature not enabled' },
  signup_disabled: { status: 403, title: 'Sign-up disabled' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  email_taken: { status: 409, title: 'Email already registered' },
  reply_in_progress: { status: 409, title: 'Reply in progress' },
  idempotency_conflict: { status: 409, title: 'Idempotency conflict' },
  reply_not_running: { status: 409, title: 'Reply not running' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  validation_failed: { status: 422, title: 'Validation failed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  quota_exceeded: { status: 429, title: 'Daily quota exceeded' },
  internal_error: { status: 500, title: 'Internal server error' },
  llm_error: { status: 502, title: 'Model provider error' },
  llm_unavailable: { status: 503, title: 'Model temporarily unavailable' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  llm_timeout: { status: 504, title: 'Model timeout' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}

export function problemType(code: string): string {
  return `urn:parley:problem:${code}`;
}

export function problem(
  code: ProblemCode,
  detail: string,
  extra: Partial<Omit<ProblemDetails, 'type' | 'title' | 'status' | 'code' | 'detail'>> = {},
): ProblemDetails {
  const { status, title } = PROBLEM_CODES[code];
  return { type: problemType(code), title, status, detail, code, ...extra };
}

/** An error the HTTP layer raises itself (authentication, content type, unknown route). */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    detail: string,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

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
