import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, refreshCookieOf, signIn, signUp, uniqueEmail } from '../support/auth-helpers.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, TEST_ADMIN, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

const ISSUER = 'parley';
const AUDIENCE = 'parley-api';

describe('accounts over HTTP', () => {
  let t: TestApp;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { clock } });
  });
  afterAll(() => t?.close());

  describe('register', () => {
    it('creates a user, signs it in, and sets the refresh cookie strictly', async () => {
      const email = uniqueEmail('Ada');
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({
          email: `  ${email.toUpperCase()} `,
          password: 'correct horse battery',
          displayName: '  Ada  ',
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        accessToken: expect.any(String),
      });
      expect(res.body.user).toEqual({
        id: expect.any(String),
        email: email.toLowerCase(),
        displayName: 'Ada',
        role: 'user',
        createdAt: expect.any(String),
      });
      expect(res.body).not.toHaveProperty('refreshToken');
      expect(res.headers['cache-control']).toBe('no-store');
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('parley_refresh='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      expect(cookie).toMatch(/Secure/);
    });

    it('answers 409 for an email that exists, whatever its case', async () => {
      const first = await signUp(t.app);
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: first.user.email.toUpperCase(), password: 'another-password', displayName: 'Copy' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('email_taken');
    });

    it.each([
      [{ password: 'short' }, 'password', 'at least 10'],
      [
        { password: 'same-as-email@example.com', email: 'same-as-email@example.com' },
        'password',
        'not be your email',
      ],
      [{ email: 'not-an-email' }, 'email', 'email address'],
      [{ displayName: '   ' }, 'displayName', 'must not be empty'],
    ])('rejects %o with 422 naming the field', async (fields, path, message) => {
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: 'a-long-enough-password', displayName: 'X', ...fields });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
    });

    it('rejects unknown fields, such as a role, with 422', async () => {
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: 'a-long-enough-password', displayName: 'X', role: 'admin' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: expect.stringContaining('role') })]);
    });
  });

  describe('login', () => {
    it('signs in with the right password and answers one 401 for a wrong password or an unknown email', async () => {
      const user = await signUp(t.app);
      const ok = await signIn(t.app, user.user.email, user.password);
      expect(ok.user.id).toBe(user.user.id);

      const wrong = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: user.user.email, password: 'wrong-password!' });
      const unknown = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail(), password: 'wrong-password!' });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('invalid_credentials');
      }
      expect(wrong.body.detail).toBe(unknown.body.detail);
    });

    it('throttles: the 11th bad password within the window gets 429 with Retry-After, even if right', async () => {
      const user = await signUp(t.app);
      for (let i = 0; i < 10; i++) {
        const res = await request(t.app)
          .post('/api/v1/auth/login')
          .send({ email: user.user.email, password: `wrong-${i}-password` });
        expect(res.status).toBe(401);
      }
      const blocked = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: user.user.email, password: 'wrong-again-password' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('rate_limited');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      const evenRight = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: user.user.email, password: user.password });
      expect(evenRight.status).toBe(429);
    });
  });

  describe('/me', () => {
    it('returns the user with its role and features', async () => {
      const user = await signUp(t.app, { displayName: 'Grace' });
      const res = await request(t.app).get('/api/v1/me').set(bearer(user.accessToken));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...user.user,
        features: { chat: false, featureReason: 'not_yet' },
        featureReason: 'not_yet',
      });
      const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
      const adminMe = await request(t.app).get('/api/v1/me').set(bearer(admin.accessToken));
      expect(adminMe.body).toMatchObject({
        email: TEST_ADMIN.email,
        role: 'admin',
        features: { chat: true, featureReason: null },
        featureReason: null,
      });
    });
  });

  describe('strict access tokens: 401 with WWW-Authenticate', () => {
    let userId: string;
    let refreshCookie: string;
    beforeAll(async () => {
      const user = await signUp(t.app);
      userId = user.user.id;
      refreshCookie = user.refreshCookie;
    });
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (payload: object, secret = TEST_JWT_SECRET, options: jwt.SignOptions = {}) =>
      jwt.sign(payload, secret, { algorithm: 'HS256', ...options });
    const unsigned = (payload: object) =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    const claims = () => ({
      sub: userId,
      role: 'admin',
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now(),
      exp: now() + 600,
    });

    const cases: [string, () => string | undefined][] = [
      ['no token', () => undefined],
      ['garbage', () => 'not.a.jwt'],
      ['expired', () => sign({ ...claims(), iat: now() - 1000, exp: now() - 60 })],
      ['wrong signature', () => sign(claims(), 'another-secret-that-is-long-enough-0123456789')],
      ['alg none', () => unsigned(claims())],
      ['HS512 when HS256 is pinned', () => sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512' })],
      ['missing exp', () => sign({ sub: userId, role: 'user', iss: ISSUER, aud: AUDIENCE, iat: now() })],
      ['wrong aud', () => sign({ ...claims(), aud: 'someone-else' })],
      ['wrong iss', () => sign({ ...claims(), iss: 'evil' })],
      ['a refresh token used as an access token', () => refreshCookie.split('=')[1]],
      ['no subject', () => sign({ role: 'user', iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 600 })],
    ];

    it.each(cases)('%s', async (_label, token) => {
      const value = token();
      const req = request(t.app).get('/api/v1/me');
      const res = await (value === undefined ? req : req.set(bearer(value)));
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('unauthenticated');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('accepts a well-formed token for the same claims (the cases above fail for their reason only)', async () => {
      const res = await request(t.app)
        .get('/api/v1/me')
        .set(bearer(sign(claims())));
      expect(res.status).toBe(200);
      // The role claim says admin; the database says user, and wins.
      expect(res.body.role).toBe('user');
    });
  });

  describe('refresh rotation', () => {
    it('rotates: each refresh gives a new access token and a new refresh token', async () => {
      const user = await signUp(t.app);
      const first = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', user.refreshCookie);
      expect(first.status).toBe(200);
      expect(first.body.user.id).toBe(user.user.id);
      const next = refreshCookieOf(first);
      expect(next).not.toBe(user.refreshCookie);
      expect((await request(t.app).get('/api/v1/me').set(bearer(first.body.accessToken))).status).toBe(200);
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', next)).status).toBe(200);
    });

    it('accepts a spent token within 10 s of its rotation (two tabs), and revokes the family after', async () => {
      const user = await signUp(t.app);
      const rotated = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', user.refreshCookie);
      const successor = refreshCookieOf(rotated);

      clock.advance(9_000);
      const otherTab = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', user.refreshCookie);
      expect(otherTab.status).toBe(200);

      clock.advance(2_000); // 11 s after the rotation: reuse means theft
      const reuse = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', user.refreshCookie);
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('unauthenticated');
      // The whole family is gone: the legitimate successor and the other tab's token too.
      expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', successor)).status).toBe(401);
      expect(
        (await request(t.app).post('/api/v1/auth/refresh').set('Cookie', refreshCookieOf(otherTab))).status,
      ).toBe(401);
      // Another sign-in of the same user is another family, untouched.
      const again = await signIn(t.app, user.user.email, user.password);
      expect(
        (await request(t.app).post('/api/v1/auth/refresh').set('Cookie', again.refreshCookie)).status,
      ).toBe(200);
    });

    it('answers 401 without a cookie or with an unknown one', async () => {
      expect((await request(t.app).post('/api/v1/auth/refresh')).status).toBe(401);
      expect(
        (await request(t.app).post('/api/v1/auth/refresh').set('Cookie', 'parley_refresh=forged')).status,
      ).toBe(401);
    });
  });

  describe('logout', () => {
    it('revokes the refresh token and clears the cookie', async () => {
      const user = await signUp(t.app);
      const res = await request(t.app).post('/api/v1/auth/logout').set('Cookie', user.refreshCookie);
      expect(res.status).toBe(204);
      const cleared = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('parley_refresh='))!;
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(
        (await request(t.app).post('/api/v1/auth/refresh').set('Cookie', user.refreshCookie)).status,
      ).toBe(401);
      expect((await request(t.app).post('/api/v1/auth/logout')).status).toBe(204);
    });
  });

  describe('roles', () => {
    it('an admin route answers 403 to a user and 200 to an admin; a demoted admin loses it at once', async () => {
      const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
      const user = await signUp(t.app);

      const asUser = await request(t.app).get('/api/v1/admin/users').set(bearer(user.accessToken));
      expect(asUser.status).toBe(403);
      expect(asUser.body.code).toBe('forbidden');
      expect((await request(t.app).get('/api/v1/admin/users').set(bearer(admin.accessToken))).status).toBe(
        200,
      );

      const promoted = await request(t.app)
        .patch(`/api/v1/admin/users/${user.user.id}`)
        .set(bearer(admin.accessToken))
        .send({ role: 'admin' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('admin');
      const second = await signIn(t.app, user.user.email, user.password);
      expect((await request(t.app).get('/api/v1/admin/users').set(bearer(second.accessToken))).status).toBe(
        200,
      );

      // Warm the role cache, then demote: the old token (role claim "admin") must stop working.
      const demoted = await request(t.app)
        .patch(`/api/v1/admin/users/${user.user.id}`)
        .set(bearer(admin.accessToken))
        .send({ role: 'user' });
      expect(demoted.body.role).toBe('user');
      const after = await request(t.app).get('/api/v1/admin/users').set(bearer(second.accessToken));
      expect(after.status).toBe(403);
    });

    it('an admin cannot change their own role; unknown users and roles are refused', async () => {
      const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
      const self = await request(t.app)
        .patch(`/api/v1/admin/users/${admin.user.id}`)
        .set(bearer(admin.accessToken))
        .send({ role: 'user' });
      expect(self.status).toBe(403);
      const missing = await request(t.app)
        .patch('/api/v1/admin/users/018f0000-0000-7000-8000-000000000000')
        .set(bearer(admin.accessToken))
        .send({ role: 'user' });
      expect(missing.status).toBe(404);
      const malformed = await request(t.app)
        .patch('/api/v1/admin/users/not-a-uuid')
        .set(bearer(admin.accessToken))
        .send({ role: 'user' });
      expect(malformed.status).toBe(404);
      const user = await signUp(t.app);
      const badRole = await request(t.app)
        .patch(`/api/v1/admin/users/${user.user.id}`)
        .set(bearer(admin.accessToken))
        .send({ role: 'root' });
      expect(badRole.status).toBe(422);
    });

    it('finds users by email or name, newest first, with keyset pages', async () => {
      const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
      const tag = `zeta${Date.now()}`;
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await signUp(t.app, { displayName: `${tag} ${i}` }));
      const page1 = await request(t.app)
        .get(`/api/v1/admin/users?q=${tag}&limit=2`)
        .set(bearer(admin.accessToken));
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((u: { id: string }) => u.id)).toEqual([made[2]!.user.id, made[1]!.user.id]);
      const page2 = await request(t.app)
        .get(`/api/v1/admin/users?q=${tag}&limit=2&cursor=${page1.body.nextCursor}`)
        .set(bearer(admin.accessToken));
      expect(page2.body.items.map((u: { id: string }) => u.id)).toEqual([made[0]!.user.id]);
      expect(page2.body.nextCursor).toBeNull();
      expect(
        (await request(t.app).get('/api/v1/admin/users?limit=101').set(bearer(admin.accessToken))).status,
      ).toBe(422);
      expect(
        (await request(t.app).get('/api/v1/admin/users?cursor=garbage').set(bearer(admin.accessToken)))
          .status,
      ).toBe(422);
    });
  });

  it('the OpenAPI document shows the auth routes, their errors and the bearer scheme', async () => {
    const spec = (await request(t.app).get('/api/v1/openapi.json')).body;
    expect(spec.components.securitySchemes.jwt).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(Object.keys(spec.paths['/auth/login'].post.responses).sort()).toEqual([
      '200',
      '401',
      '422',
      '429',
    ]);
    expect(Object.keys(spec.paths['/auth/register'].post.responses).sort()).toEqual([
      '201',
      '403',
      '409',
      '422',
    ]);
    expect(spec.paths['/auth/refresh'].post.responses).toHaveProperty('401');
    expect(spec.paths['/me'].get.security).toEqual([{ jwt: [] }]);
    expect(spec.paths['/admin/users'].get.security).toEqual([{ jwt: ['admin'] }]);
    expect(spec.paths['/admin/users'].get.responses).toHaveProperty('403');
  });
});

describe('sign-up switched off', () => {
  it('answers 403 signup_disabled and creates nothing', async () => {
    const t = await startTestApp({ env: { AUTH_ALLOW_SIGNUP: 'false' } });
    try {
      const email = uniqueEmail();
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email, password: 'a-long-enough-password', displayName: 'X' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('signup_disabled');
      const config = await request(t.app).get('/api/v1/config');
      expect(config.body.signupEnabled).toBe(false);
      expect(
        (await request(t.app).post('/api/v1/auth/login').send({ email, password: 'a-long-enough-password' }))
          .status,
      ).toBe(401);
    } finally {
      await t.close();
    }
  });
});
