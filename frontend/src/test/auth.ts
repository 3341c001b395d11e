/*
 * Fixtures and msw handlers for the auth flows. Shapes are typed from the generated schema,
 * so a contract change breaks the tests' fixtures at compile time too.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { ClientConfig, FieldError, Me, TokenResponse, User } from '@/lib/api/types';
import { quietEventFeed } from './live';

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: '0190a3c4-0000-7000-8000-000000000001',
    email: 'ada@example.com',
    displayName: 'Ada Lovelace',
    role: 'user',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** `featureReason` says why chat is off: `not_yet` unless told (`paused`); null while it is on. */
export function makeMe({
  chat = true,
  featureReason = chat ? null : 'not_yet',
  ...overrides
}: Partial<User> & Partial<Me['features']> = {}): Me {
  return { ...makeUser(overrides), featureReason, features: { chat, featureReason } };
}

export function tokenResponse(accessToken: string, user: User = makeUser()): TokenResponse {
  return { accessToken, tokenType: 'Bearer', expiresIn: 900, user };
}

export function makeConfig(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return {
    signupEnabled: true,
    demoModel: false,
    model: 'Meta-Llama-3.3-70B-Instruct',
    limits: { maxMessageLength: 4000, maxTokens: 1024 },
    ...overrides,
  };
}

const TITLES: Record<string, string> = {
  unauthenticated: 'Authentication required',
  invalid_credentials: 'Invalid credentials',
  signup_disabled: 'Sign-up disabled',
  email_taken: 'Email already registered',
  validation_failed: 'Validation failed',
  rate_limited: 'Too many requests',
};

/** A problem+json answer as the backend's error middleware writes it. */
export function problem(
  status: number,
  code: string,
  {
    detail = 'The server said no.',
    errors,
    headers,
  }: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
) {
  return HttpResponse.json(
    {
      type: `urn:parley:problem:${code}`,
      title: TITLES[code] ?? code,
      status,
      detail,
      code,
      requestId: 'req-1',
      errors,
    },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

export const bearer = (request: Request) =>
  request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null;

/** GET /config for the header badge and the sign-up switch. */
export const configHandler = (overrides: Partial<ClientConfig> = {}) =>
  http.get('/api/v1/config', () => HttpResponse.json(makeConfig(overrides)));

/** A visitor without a session: the page-load refresh answers 401 (the live feed is there for after sign-in). */
export function anonymousHandlers(config: Partial<ClientConfig> = {}) {
  return [
    configHandler(config),
    http.post('/api/v1/auth/refresh', () => problem(401, 'unauthenticated')),
    quietEventFeed(),
  ];
}

/**
 * A returning user: the page-load refresh succeeds, /me answers that token only, and the live
 * feed (GET /events) is `events` (quiet unless a test brings its own FakeEventFeed's handler).
 */
export function signedInHandlers({
  me = makeMe(),
  token = 'token-1',
  config = {},
  events = quietEventFeed(),
}: { me?: Me; token?: string; config?: Partial<ClientConfig>; events?: RequestHandler } = {}) {
  return [
    configHandler(config),
    http.post('/api/v1/auth/refresh', () => HttpResponse.json(tokenResponse(token, me))),
    http.get('/api/v1/me', ({ request }) =>
      bearer(request) === token ? HttpResponse.json(me) : problem(401, 'unauthenticated'),
    ),
    events,
  ];
}
