/*
 * A tiny fetch wrapper. Every failure (problem+json from the backend, an unexpected body from
 * a proxy in between, or no answer at all) becomes one type, ApiError, so the query cache's
 * error handler and the components have a single shape to read.
 *
 * Request and response types are the caller's assertion for now; they will come from the
 * backend's OpenAPI document once it exists, never written twice by hand.
 */
import { isRecord } from "@/lib/utils";

/** One field-level failure of a 422 `validation_failed` problem. */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details as the Parley API sends them (see API.md "Errors"). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly type: string;
  readonly title: string;
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Stable machine-readable code (`quota_exceeded`, ...): branch on this, never on text. */
  readonly code: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
  }
}

const stringOr = <T>(value: unknown, fallback: T): string | T =>
  typeof value === "string" && value !== "" ? value : fallback;

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    path: stringOr(e.path, ""),
    message: stringOr(e.message, "Invalid value"),
  }));
}

/**
 * Reads a problem body defensively: anything missing or of the wrong type falls back to what
 * the HTTP response itself says. The response status wins over the body's `status`, since it
 * is what actually happened on the wire.
 */
export function parseProblem(body: unknown, status: number, statusText = ""): Problem {
  const b = isRecord(body) ? body : {};
  return {
    type: stringOr(b.type, "about:blank"),
    title: stringOr(b.title, statusText || `Request failed with status ${status}`),
    status,
    code: stringOr(b.code, "unexpected_response"),
    detail: stringOr(b.detail, undefined),
    requestId: stringOr(b.requestId, undefined),
    errors: parseFieldErrors(b.errors),
  };
}

const isJson = (response: Response) =>
  /^application\/([\w.+-]+\+)?json\b/i.test(response.headers.get("content-type") ?? "");

export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = isJson(response) ? await response.json().catch(() => undefined) : undefined;
  return new ApiError(parseProblem(body, response.status, response.statusText));
}

export interface ApiRequestInit extends Omit<RequestInit, "body"> {
  /** Sent as a JSON body. */
  json?: unknown;
  /** Non-2xx statuses whose body is data, not an error (GET /readyz answers 503 with a report). */
  okStatuses?: readonly number[];
}

export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { json, okStatuses = [], headers: extraHeaders, ...rest } = init;
  const headers = new Headers(extraHeaders);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  if (json !== undefined) headers.set("content-type", "application/json");

  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    // A cancelled request is not a failure: TanStack Query aborts queries nobody needs.
    if (rest.signal?.aborted) throw error;
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      code: "network_error",
      detail: "Could not reach the Parley server.",
    });
  }

  if (!response.ok && !okStatuses.includes(response.status)) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      parseProblem({ title: "Unreadable response from the server" }, response.status),
    );
  }
}
