/*
 * Every failure (problem+json from the backend, an unexpected body from a proxy in between,
 * or no answer at all) becomes one type, ApiError, so the query cache's error handler and the
 * components have a single shape to read.
 */
import { isRecord } from '@/lib/utils';
import type { FieldError, Schemas } from './types';

export type { FieldError };

/**
 * RFC 9457 problem details as the Parley API sends them (API.md "Errors"). `detail` is
 * optional here although the spec requires it: a body from a proxy may not have one.
 * (Picked, not Omit-ted: the schema allows extension members, and Omit over an index
 * signature would turn every key into `unknown`.)
 */
export type Problem = Pick<
  Schemas['Problem'],
  'type' | 'title' | 'status' | 'code' | 'requestId' | 'errors'
> & {
  detail?: string;
  /** Members beyond the standard ones (a 429's `limit`, `remaining`, `resetAt`, ...). */
  extensions?: Record<string, unknown>;
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly type: string;
  readonly title: string;
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Stable machine-readable code (`quota_exceeded`, ...): branch on this, never on text. */
  readonly code: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: FieldError[];
  /** Seconds from the `Retry-After` header (429, 503), when the server sent one. */
  readonly retryAfter: number | undefined;
  /** The problem's extension members, e.g. a 429's `{ limit, remaining, resetAt }`. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
    this.extensions = problem.extensions ?? {};
  }
}

const stringOr = <T>(value: unknown, fallback: T): string | T =>
  typeof value === 'string' && value !== '' ? value : fallback;

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    path: stringOr(e.path, ''),
    message: stringOr(e.message, 'Invalid value'),
  }));
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'requestId', 'errors']);

/**
 * Reads a problem body defensively: anything missing or of the wrong type falls back to what
 * the HTTP response itself says. The response status wins over the body's `status`, since it
 * is what actually happened on the wire.
 */
export function parseProblem(body: unknown, status: number, statusText = ''): Problem {
  const b = isRecord(body) ? body : {};
  const extensions = Object.fromEntries(Object.entries(b).filter(([key]) => !STANDARD_MEMBERS.has(key)));
  return {
    type: stringOr(b.type, 'about:blank'),
    title: stringOr(b.title, statusText || `Request failed with status ${status}`),
    status,
    code: stringOr(b.code, 'unexpected_response'),
    detail: stringOr(b.detail, undefined),
    requestId: stringOr(b.requestId, undefined),
    errors: parseFieldErrors(b.errors),
    extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
  };
}

/** `Retry-After` as seconds; the HTTP-date form is turned into seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const isJson = (response: Response) =>
  /^application\/([\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '');

export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = isJson(response) ? await response.json().catch(() => undefined) : undefined;
  return new ApiError(
    parseProblem(body, response.status, response.statusText),
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

/** What a request that never got an answer (offline, DNS, connection reset) fails with. */
export function networkError(): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    code: 'network_error',
    detail: 'Could not reach the Parley server.',
  });
}
