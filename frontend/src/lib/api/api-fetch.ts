/*
 * fetch() for the few routes outside the OpenAPI document (GET /readyz, say): same token,
 * same refresh, same ApiError as the typed client in ./client.ts, which is what to use for
 * everything under /api/v1.
 */
import { authFetch } from '@/lib/auth/auth-fetch';
import { ApiError, networkError, parseProblem, toApiError } from './api-error';

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** Sent as a JSON body. */
  json?: unknown;
  /** Non-2xx statuses whose body is data, not an error (GET /readyz answers 503 with a report). */
  okStatuses?: readonly number[];
}

export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { json, okStatuses = [], headers: extraHeaders, ...rest } = init;
  const headers = new Headers(extraHeaders);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (json !== undefined) headers.set('content-type', 'application/json');

  let response: Response;
  try {
    response = await authFetch(path, {
      ...rest,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    // A cancelled request is not a failure: TanStack Query aborts queries nobody needs.
    if (rest.signal?.aborted || error instanceof ApiError) throw error;
    throw networkError();
  }

  if (!response.ok && !okStatuses.includes(response.status)) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(parseProblem({ title: 'Unreadable response from the server' }, response.status));
  }
}
