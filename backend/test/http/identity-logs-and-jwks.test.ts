import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn, signUp } from '../support/auth-helpers.js';
import { startTestApp, TEST_ADMIN, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

describe('secrets never reach the logs', () => {
  it('logs no password, hash, access token or refresh token over a whole account life cycle', async () => {
    let captured = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        captured += chunk.toString();
        done();
      },
    });
    const t = await startTestApp({ logDestination: sink });
    try {
      const user = await signUp(t.app, { password: 'my-secret-password-123' });
      await request(t.app)
        .post('/api/v1/auth/login')
        .set('Authorization', 'Bearer x')
        .send({ email: user.user.email, password: 'wrong-secret-password-456' });
      const again = await signIn(t.app, user.user.email, 'my-secret-password-123');
      await request(t.app).get('/api/v1/me').set(bearer(again.accessToken));
      const refreshed = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', again.refreshCookie);
      await request(t.app).post('/api/v1/auth/logout').set('Cookie', again.refreshCookie);
      await request(t.app).get('/api/v1/me').set(bearer('garbage.token.value'));

      const hash = (
        await t.ctx.database.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', user.user.id)
          .executeTakeFirstOrThrow()
      ).password_hash!;
      expect(captured.length).toBeGreaterThan(0);
      expect(captured).toContain('request completed');
      for (const secret of [
        'my-secret-password-123',
        'wrong-secret-password-456',
        TEST_ADMIN.password,
        TEST_JWT_SECRET,
        hash,
        user.accessToken,
        again.accessToken,
        refreshed.body.accessToken,
        user.refreshCookie.split('=')[1]!,
        again.refreshCookie.split('=')[1]!,
      ]) {
        expect(captured).not.toContain(secret);
      }
      // Every line is JSON and request lines carry the request id.
      const lines = captured
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string; requestId?: string });
      expect(
        lines.filter((l) => l.msg === 'request completed').every((l) => typeof l.requestId === 'string'),
      ).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('external identity provider (JWT_JWKS_URL)', () => {
  let jwks: http.Server;
  let jwksUrl: string;
  let privateKey: KeyObject;
  let strangerKey: KeyObject;
  let t: TestApp;

  beforeAll(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKey = pair.privateKey;
    strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'idp-key-1', use: 'sig', alg: 'RS256' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startTestApp({ env: { JWT_JWKS_URL: jwksUrl, JWT_ROLE_CLAIM: 'roles' } });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const idpToken = (claims: object, options: { key?: KeyObject; kid?: string } = {}) =>
    jwt.sign({ iss: 'https://idp.example.com/', aud: 'parley-api', ...claims }, options.key ?? privateKey, {
      algorithm: 'RS256',
      keyid: options.kid ?? 'idp-key-1',
      expiresIn: 300,
    });

  it('maps a new identity to a local user on first sight, and finds it again after', async () => {
    const token = idpToken({ sub: 'idp|alice', email: 'Alice@Corp.example', name: 'Alice' });
    const first = await request(t.app).get('/api/v1/me').set(bearer(token));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email: 'alice@corp.example', displayName: 'Alice', role: 'user' });
    const second = await request(t.app)
      .get('/api/v1/me')
      .set(bearer(idpToken({ sub: 'idp|alice', email: 'alice@corp.example' })));
    expect(second.body.id).toBe(first.body.id);
  });

  it('makes the user an admin when the role claim says so', async () => {
    const res = await request(t.app)
      .get('/api/v1/admin/users')
      .set(bearer(idpToken({ sub: 'idp|root', email: 'root@corp.example', roles: ['admin'] })));
    expect(res.status).toBe(200);
  });

  it.each([
    [
      'a key that is not in the set',
      () => idpToken({ sub: 'idp|x', email: 'x@corp.example' }, { key: strangerKey }),
    ],
    ['an unknown kid', () => idpToken({ sub: 'idp|x', email: 'x@corp.example' }, { kid: 'other' })],
    ['another audience', () => idpToken({ sub: 'idp|x', email: 'x@corp.example', aud: 'someone-else' })],
    ['no email on first sight', () => idpToken({ sub: 'idp|noemail' })],
  ])('rejects %s with 401', async (_label, token) => {
    const res = await request(t.app).get('/api/v1/me').set(bearer(token()));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('does not hand a password account to an identity that claims its email', async () => {
    const local = await signUp(t.app);
    const res = await request(t.app)
      .get('/api/v1/me')
      .set(bearer(idpToken({ sub: 'idp|impostor', email: local.user.email })));
    expect(res.status).toBe(401);
  });

  it('still accepts its own HS256 tokens', async () => {
    const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
    expect((await request(t.app).get('/api/v1/me').set(bearer(admin.accessToken))).status).toBe(200);
  });
});

describe('without JWT_JWKS_URL', () => {
  it('rejects RS256 tokens outright', async () => {
    const t = await startTestApp();
    try {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const token = jwt.sign(
        { sub: 'x', iss: 'parley', aud: 'parley-api', email: 'x@y.example' },
        privateKey,
        { algorithm: 'RS256', keyid: 'k', expiresIn: 60 },
      );
      expect((await request(t.app).get('/api/v1/me').set(bearer(token))).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
