/*
 * The typed API client. Paths, parameters and bodies come from schema.d.ts (generated from
 * the backend's OpenAPI document), so a renamed field breaks the build instead of the page.
 *
 *   const me = await unwrap(api.GET("/me", { signal }));
 *   await unwrap(api.PATCH("/admin/users/{id}", { params: { path: { id } }, body: { role } }));
 *
 * Every request carries the access token and refreshes it once on a 401 (authFetch). Every
 * non-2xx answer throws an ApiError (the middleware below), so callers never see openapi-
 * fetch's `{ error }` branch and the query cache has one error shape to toast.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { authFetch } from '@/lib/auth/auth-fetch';
import { ApiError, networkError, toApiError } from './api-error';
import { absoluteUrl, API_BASE_PATH } from './base-url';
import type { paths } from './schema';

const throwApiErrors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await toApiError(response);
    return undefined;
  },
  onError({ error, request }) {
    if (error instanceof ApiError) return error;
    // A cancelled request is not a failure: TanStack Query aborts queries nobody needs.
    if (request.signal.aborted) return undefined;
    return networkError();
  },
};

export const api = createClient<paths>({
  baseUrl: absoluteUrl(API_BASE_PATH),
  // Looked up per call rather than captured once, so test doubles of fetch apply.
  fetch: (request) => authFetch(request),
  headers: { accept: 'application/json' },
});
api.use(throwApiErrors);

/**
 * The body of a successful call. Failures never get here (the middleware throws), so the
 * `data` openapi-fetch types as optional is always set, except for 204 answers.
 */
export async function unwrap<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
