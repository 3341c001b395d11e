/**
 * RFC 9457 problem details: the one error shape of the API. Each code has a stable type URI
 * (a URN: it identifies the problem and is documented in docs/api.md, it is not fetched).
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

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
