import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/test/server';
import { ApiError, parseProblem, parseRetryAfter } from './api-error';
import { apiFetch } from './api-fetch';

const problemJson = { 'content-type': 'application/problem+json' };

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiFetch', () => {
  it('turns a problem+json body into a typed ApiError', async () => {
    server.use(
      http.post('/api/v1/chat/sessions', () =>
        HttpResponse.json(
          {
            type: 'https://parley.dev/problems/validation_failed',
            title: 'Validation failed',
            status: 422,
            detail: 'The request has invalid fields.',
            code: 'validation_failed',
            requestId: 'req-123',
            errors: [{ path: 'title', message: 'must be at most 200 characters' }],
          },
          { status: 422, headers: problemJson },
        ),
      ),
    );

    const error = await rejection(
      apiFetch('/api/v1/chat/sessions', { method: 'POST', json: { title: 'x' } }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 422,
      code: 'validation_failed',
      type: 'https://parley.dev/problems/validation_failed',
      title: 'Validation failed',
      detail: 'The request has invalid fields.',
      message: 'The request has invalid fields.',
      requestId: 'req-123',
      errors: [{ path: 'title', message: 'must be at most 200 characters' }],
    });
  });

  it('keeps the wire status and a generic code when the body is not a problem', async () => {
    server.use(
      http.get('/api/v1/me', () =>
        HttpResponse.text('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html' },
        }),
      ),
    );

    const error = await rejection(apiFetch('/api/v1/me'));
    expect(error).toMatchObject({
      status: 502,
      code: 'unexpected_response',
      title: 'Bad Gateway',
      errors: [],
    });
    expect(error.detail).toBeUndefined();
  });

  it('reports an unreachable server as network_error with status 0', async () => {
    server.use(http.get('/api/v1/config', () => HttpResponse.error()));

    const error = await rejection(apiFetch('/api/v1/config'));
    expect(error).toMatchObject({ status: 0, code: 'network_error', title: 'Network error' });
  });

  it('sends JSON and returns the parsed body', async () => {
    let sent: Request | undefined;
    server.use(
      http.post('/api/v1/chat/sessions', async ({ request }) => {
        sent = request.clone();
        const body = (await request.json()) as { title: string };
        return HttpResponse.json({ id: 's1', title: body.title }, { status: 201 });
      }),
    );

    await expect(
      apiFetch('/api/v1/chat/sessions', { method: 'POST', json: { title: 'Hello' } }),
    ).resolves.toEqual({
      id: 's1',
      title: 'Hello',
    });
    expect(sent?.headers.get('content-type')).toBe('application/json');
    expect(sent?.headers.get('accept')).toBe('application/json');
  });

  it('returns the body of a status listed in okStatuses instead of throwing', async () => {
    server.use(http.get('/readyz', () => HttpResponse.json({ status: 'down' }, { status: 503 })));

    await expect(apiFetch('/readyz', { okStatuses: [503] })).resolves.toEqual({ status: 'down' });
    await expect(apiFetch('/readyz')).rejects.toMatchObject({ status: 503 });
  });
});

describe('parseProblem', () => {
  it('prefers the response status and drops malformed fields', () => {
    expect(
      parseProblem(
        {
          status: 'teapot',
          title: 42,
          code: 'quota_exceeded',
          errors: [{ path: 'content' }, 'junk'],
        },
        429,
      ),
    ).toEqual({
      type: 'about:blank',
      title: 'Request failed with status 429',
      status: 429,
      code: 'quota_exceeded',
      detail: undefined,
      requestId: undefined,
      errors: [{ path: 'content', message: 'Invalid value' }],
    });
  });

  it("keeps the extension members, such as a 429's numbers", () => {
    const error = new ApiError(
      parseProblem(
        {
          title: 'Daily quota exceeded',
          code: 'quota_exceeded',
          limit: 100,
          remaining: 0,
          resetAt: '2026-01-02T00:00:00.000Z',
        },
        429,
      ),
    );
    expect(error.extensions).toEqual({
      limit: 100,
      remaining: 0,
      resetAt: '2026-01-02T00:00:00.000Z',
    });
  });
});

describe('Retry-After', () => {
  it('is read from a 429 into ApiError.retryAfter', async () => {
    server.use(
      http.post('/api/v1/auth/login', () =>
        HttpResponse.json(
          {
            type: 'urn:parley:problem:rate_limited',
            title: 'Too many requests',
            status: 429,
            code: 'rate_limited',
          },
          { status: 429, headers: { ...problemJson, 'retry-after': '120' } },
        ),
      ),
    );

    const error = await rejection(apiFetch('/api/v1/auth/login', { method: 'POST', json: {} }));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfter: 120 });
  });

  it('accepts seconds or an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
