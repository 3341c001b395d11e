/*
 * fetch() with the session's access token. On a 401 it gets a new token once (shared with
 * every other request that failed at the same time) and sends the request again once; if the
 * session cannot be renewed, the 401 goes back to the caller and AuthSession has already
 * signed the user out, which sends them to the sign-in page.
 *
 * The openapi-fetch client uses this as its fetch; use it directly for what the client cannot
 * express (streams, downloads) so those requests refresh the same way.
 */
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authSession } from './auth-session';

// Sign-in answers 401 for a wrong password, and refresh/logout run on the cookie: neither
// must trigger a refresh.
const AUTH_ROUTES = `${API_BASE_PATH}/auth/`;
const isAuthRoute = (request: Request) => new URL(request.url).pathname.startsWith(AUTH_ROUTES);

function withBearer(request: Request, token: string | null): Request {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  if (input instanceof Request && init === undefined) return input;
  return new Request(typeof input === 'string' ? absoluteUrl(input) : input, init);
}

export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = toRequest(input, init);
  const sent = authSession.accessToken;
  if (!sent || isAuthRoute(request)) return fetch(request);

  // A body can be read only once: keep a copy in case the request has to go again.
  const copy = request.clone();
  const response = await fetch(withBearer(request, sent));
  if (response.status !== 401) return response;

  const token = await authSession.tokenAfter(sent);
  if (!token) return response;
  // Release the unread 401 body; not awaited, as some fetch shims never settle the cancel.
  response.body?.cancel().catch(() => {});
  return fetch(withBearer(copy, token));
}
