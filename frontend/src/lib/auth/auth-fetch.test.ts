import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, unwrap } from '@/lib/api/client';
import { bearer, makeMe, makeUser, problem, tokenResponse } from '@/test/auth';
import { server } from '@/test/server';
import { authSession } from './auth-session';
import { REFRESH_LOCK_NAME } from './refresh-lock';

/** Answers like the backend once the "stale" token has expired: only "fresh" gets through. */
const freshOnly =
  <T extends object>(body: T) =>
  ({ request }: { request: Request }) =>
    bearer(request) === 'fresh' ? HttpResponse.json(body) : problem(401, 'unauthenticated');

function countRefreshes(answer: () => Response | Promise<Response>) {
  const calls = { count: 0 };
  server.use(
    http.post('/api/v1/auth/refresh', () => {
      calls.count += 1;
      return answer();
    }),
  );
  return calls;
}

describe("the API client's session handling", () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'locks');
  });

  it('sends the access token as a bearer token', async () => {
    authSession.signIn(tokenResponse('fresh'));
    server.use(http.get('/api/v1/me', freshOnly(makeMe())));

    await expect(unwrap(api.GET('/me'))).resolves.toMatchObject({ email: 'ada@example.com' });
  });

  it('shares one refresh between parallel requests that get 401, and retries each once', async () => {
    authSession.signIn(tokenResponse('stale'));
    // Hold the refresh until both requests have been turned away, so the second 401 surely
    // arrives while the first one's refresh is still under way.
    let rejected = 0;
    let bothRejected!: () => void;
    const gate = new Promise<void>((resolve) => (bothRejected = resolve));
    const reject401 = () => {
      rejected += 1;
      if (rejected === 2) bothRejected();
      return problem(401, 'unauthenticated');
    };
    const seen: string[] = [];
    server.use(
      http.get('/api/v1/me', ({ request }) => {
        seen.push(`me:${bearer(request)}`);
        return bearer(request) === 'fresh' ? HttpResponse.json(makeMe()) : reject401();
      }),
      http.get('/api/v1/admin/users', ({ request }) => {
        seen.push(`users:${bearer(request)}`);
        return bearer(request) === 'fresh'
          ? HttpResponse.json({ items: [makeUser()], nextCursor: null })
          : reject401();
      }),
    );
    const refreshes = countRefreshes(async () => {
      await gate;
      return HttpResponse.json(tokenResponse('fresh'));
    });

    const [me, users] = await Promise.all([
      unwrap(api.GET('/me')),
      unwrap(api.GET('/admin/users', { params: { query: { limit: 5 } } })),
    ]);

    expect(refreshes.count).toBe(1);
    expect(me.email).toBe('ada@example.com');
    expect(users.items).toHaveLength(1);
    expect(seen.sort()).toEqual(['me:fresh', 'me:stale', 'users:fresh', 'users:stale']);
    expect(authSession.accessToken).toBe('fresh');
  });

  it('refreshes under the cross-tab Web Lock when the browser has one', async () => {
    const request = vi.fn((_name: string, task: () => Promise<unknown>) => task());
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
    authSession.signIn(tokenResponse('stale'));
    server.use(http.get('/api/v1/me', freshOnly(makeMe())));
    countRefreshes(() => HttpResponse.json(tokenResponse('fresh')));

    await unwrap(api.GET('/me'));

    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith(REFRESH_LOCK_NAME, expect.any(Function));
  });

  it('sends the original body again on the retry', async () => {
    authSession.signIn(tokenResponse('stale'));
    const bodies: unknown[] = [];
    server.use(
      http.patch('/api/v1/admin/users/:id', async ({ request }) => {
        bodies.push(await request.json());
        return bearer(request) === 'fresh'
          ? HttpResponse.json(makeUser({ role: 'admin' }))
          : problem(401, 'unauthenticated');
      }),
    );
    countRefreshes(() => HttpResponse.json(tokenResponse('fresh')));

    const user = await unwrap(
      api.PATCH('/admin/users/{id}', { params: { path: { id: 'u1' } }, body: { role: 'admin' } }),
    );

    expect(user.role).toBe('admin');
    expect(bodies).toEqual([{ role: 'admin' }, { role: 'admin' }]);
  });

  it('signs out when the refresh is refused, and fails the request without retrying', async () => {
    authSession.signIn(tokenResponse('stale'));
    let attempts = 0;
    server.use(
      http.get('/api/v1/me', () => {
        attempts += 1;
        return problem(401, 'unauthenticated');
      }),
    );
    const refreshes = countRefreshes(() => problem(401, 'unauthenticated'));

    await expect(unwrap(api.GET('/me'))).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
      code: 'unauthenticated',
    });
    expect(refreshes.count).toBe(1);
    expect(attempts).toBe(1);
    expect(authSession.accessToken).toBeNull();
    expect(authSession.getState()).toEqual({ status: 'signed-out', reason: 'expired' });
  });

  it('keeps the session when the refresh fails for another reason, and reports that', async () => {
    authSession.signIn(tokenResponse('stale'));
    server.use(http.get('/api/v1/me', () => problem(401, 'unauthenticated')));
    countRefreshes(() => HttpResponse.error());

    await expect(unwrap(api.GET('/me'))).rejects.toMatchObject({
      code: 'network_error',
      status: 0,
    });
    expect(authSession.getState()).toEqual({ status: 'signed-in' });
  });

  it('does not refresh for a failed sign-in, whose 401 means wrong credentials', async () => {
    authSession.signIn(tokenResponse('stale'));
    server.use(http.post('/api/v1/auth/login', () => problem(401, 'invalid_credentials')));
    const refreshes = countRefreshes(() => HttpResponse.json(tokenResponse('fresh')));

    await expect(
      unwrap(api.POST('/auth/login', { body: { email: 'ada@example.com', password: 'nope' } })),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(refreshes.count).toBe(0);
  });

  it('throws problem details as ApiError, with the field errors', async () => {
    server.use(
      http.post('/api/v1/auth/register', () =>
        problem(422, 'validation_failed', { errors: [{ path: 'password', message: 'too short' }] }),
      ),
    );

    await expect(
      unwrap(api.POST('/auth/register', { body: { email: 'a@b.c', password: 'x', displayName: 'A' } })),
    ).rejects.toMatchObject({
      name: 'ApiError',
      status: 422,
      errors: [{ path: 'password', message: 'too short' }],
    });
  });
});

describe('restoring the session on page load', () => {
  it('signs in from the refresh cookie, once however often it is asked', async () => {
    const refreshes = countRefreshes(() => HttpResponse.json(tokenResponse('fresh')));

    await Promise.all([authSession.restore(), authSession.restore()]);

    expect(refreshes.count).toBe(1);
    expect(authSession.getState()).toEqual({ status: 'signed-in' });
    expect(authSession.accessToken).toBe('fresh');
  });

  it('ends signed out, with no reason to show, when there is no session to restore', async () => {
    countRefreshes(() => problem(401, 'unauthenticated'));

    await authSession.restore();

    expect(authSession.getState()).toEqual({ status: 'signed-out', reason: null });
  });

  it('does not bring back a session the user left while the refresh was under way', async () => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    countRefreshes(async () => {
      await held;
      return HttpResponse.json(tokenResponse('fresh'));
    });

    const restoring = authSession.restore();
    authSession.signOut();
    answer();
    await restoring;

    expect(authSession.accessToken).toBeNull();
    expect(authSession.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
  });
});
