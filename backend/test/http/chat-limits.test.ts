import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDayKey } from '../../src/domain/limits/utc-windows.js';
import { bearer, signIn, signUp, type SignedIn } from '../support/auth-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { openSse } from '../support/sse-client.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';
import { freePort, startRedisServer } from '../integration/limits/limits-test-kit.js';

const newSession = async (t: TestApp, who: SignedIn) =>
  (await request(t.app).post('/api/v1/chat/sessions').set(bearer(who.accessToken)).send({})).body
    .id as string;
const send = (t: TestApp, who: SignedIn, sessionId: string, content = 'Hi') =>
  request(t.app)
    .post(`/api/v1/chat/sessions/${sessionId}/messages`)
    .set(bearer(who.accessToken))
    .send({ content });
const quota = async (t: TestApp, who: SignedIn) =>
  (await request(t.app).get('/api/v1/chat/quota').set(bearer(who.accessToken))).body;

describe('limits on the send route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        CHAT_RATE_LIMIT_PER_MINUTE: '1000',
        CHAT_DAILY_MESSAGE_QUOTA: '10',
        LLM_TIMEOUT_MS: '1500',
        // The limits under test, not the cap on replies running at once (replies-two-instances.test.ts).
        CHAT_MAX_RUNNING_REPLIES: '100',
      },
    });
  });
  afterAll(() => t?.close());

  async function chatter(): Promise<SignedIn> {
    const user = await signUp(t.app);
    await openChatFor(t.app, [user.user.id]);
    return user;
  }

  it('50 parallel sends with 10 units left: exactly 10 succeed, 40 get 429, the counter reads the limit', async () => {
    const user = await chatter();
    const sessions = await Promise.all(Array.from({ length: 50 }, () => newSession(t, user)));
    const results = await Promise.all(sessions.map((id) => send(t, user, id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    for (const refused of results.filter((r) => r.status === 429)) {
      expect(refused.body).toMatchObject({ code: 'quota_exceeded', limit: 10, remaining: 0 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    const counter = await t.ctx.redis!.get(`chat:quota:daily:${user.user.id}:${utcDayKey(new Date())}`);
    expect(Number(counter)).toBe(10);
    expect((await quota(t, user)).dailyQuota).toMatchObject({ limit: 10, used: 10, remaining: 0 });
    // Upstream saw exactly the ten that were allowed (this is the file's first send).
    expect(await t.model.control.requests()).toHaveLength(10);
  });

  it('every answer of the send route carries the limit headers, with the numbers after this send', async () => {
    const user = await chatter();
    const id = await newSession(t, user);
    const ok = await send(t, user, id);
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '999',
      'x-daily-quota-limit': '10',
      'x-daily-quota-remaining': '9',
    });
    expect(Number(ok.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(Number(ok.headers['x-daily-quota-reset'])).toBe(midnight.getTime() / 1000);
    expect(ok.headers['ratelimit-policy']).toBe('"minute";q=1000;w=60, "day";q=10;w=86400');
    expect(ok.headers.ratelimit).toMatch(/^"minute";r=999;t=\d+, "day";r=9;t=\d+$/);

    const invalid = await request(t.app)
      .post(`/api/v1/chat/sessions/${id}/messages`)
      .set(bearer(user.accessToken))
      .send({ content: '' });
    expect(invalid.status).toBe(422);
    expect(invalid.headers['x-daily-quota-remaining']).toBe('9');
    const missing = await send(t, user, '018f0000-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-daily-quota-remaining']).toBe('9');
  });

  it('admins are unlimited: no limit headers, quota says unlimited', async () => {
    const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
    const id = await newSession(t, admin);
    for (let i = 0; i < 12; i++) expect((await send(t, admin, id)).status).toBe(200);
    const res = await send(t, admin, id);
    expect(res.headers).not.toHaveProperty('x-ratelimit-limit');
    expect(res.headers).not.toHaveProperty('ratelimit');
    expect(await quota(t, admin)).toEqual({ unlimited: true, rateLimit: null, dailyQuota: null });
  });

  it('refunds: upstream 500 and a first-token timeout leave the count unchanged; completed and cancelled replies use one', async () => {
    const user = await chatter();
    const used = async () => (await quota(t, user)).dailyQuota.used as number;

    await t.model.control.setScenario({ failure: 'http_500' });
    expect((await send(t, user, await newSession(t, user))).status).toBe(502);
    expect(await used()).toBe(0);

    await t.model.control.setScenario({ failure: 'stall_before_first_token' });
    expect((await send(t, user, await newSession(t, user))).status).toBe(504);
    expect(await used()).toBe(0);

    await t.model.control.setScenario({ failure: 'none' });
    expect((await send(t, user, await newSession(t, user))).status).toBe(200);
    expect(await used()).toBe(1);

    await t.model.control.setScenario({ chunks: 40, chunkGapMs: 50 });
    const id = await newSession(t, user);
    const sse = await openSse(t.app, `/api/v1/chat/sessions/${id}/messages`, user.accessToken, {
      content: 'Long one',
    });
    await sse.waitFor('message.delta', 2);
    sse.disconnect();
    await sse.close();
    for (
      let i = 0;
      i < 200 &&
      (
        await request(t.app).get(`/api/v1/chat/sessions/${id}`).set(bearer(user.accessToken))
      ).body.messages.at(-1).status === 'streaming';
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await used()).toBe(2);
    await t.model.control.reset();
  });

  it('401, 403, 404, 409, 422 and 429 consume nothing', async () => {
    const user = await chatter();
    const outsider = await signUp(t.app);
    const id = await newSession(t, user);
    const path = `/api/v1/chat/sessions/${id}/messages`;
    expect((await request(t.app).post(path).send({ content: 'x' })).status).toBe(401);
    expect(
      (await request(t.app).post(path).set(bearer(outsider.accessToken)).send({ content: 'x' })).status,
    ).toBe(403);
    expect((await send(t, user, '018f0000-0000-7000-8000-000000000000')).status).toBe(404);
    expect(
      (await request(t.app).post(path).set(bearer(user.accessToken)).send({ content: ' ' })).status,
    ).toBe(422);
    await t.model.control.setScenario({ chunks: 30, chunkGapMs: 40 });
    const sse = await openSse(t.app, path, user.accessToken, { content: 'streaming' });
    await sse.waitFor('message.delta', 1);
    expect((await send(t, user, id)).status).toBe(409);
    await sse.ended;
    await sse.close();
    await t.model.control.reset();
    expect((await quota(t, user)).dailyQuota.used).toBe(1); // only the streamed one
    // Use up the day, then a refused send takes nothing more.
    for (let i = 0; i < 9; i++) expect((await send(t, user, await newSession(t, user))).status).toBe(200);
    expect((await send(t, user, await newSession(t, user))).status).toBe(429);
    expect((await quota(t, user)).dailyQuota).toMatchObject({ used: 10, remaining: 0 });
  });
});

describe('two instances on the same Redis', () => {
  it('share one per-minute limit', async () => {
    const prefix = `parley-test:${randomBytes(4).toString('hex')}:`;
    const env = { CHAT_RATE_LIMIT_PER_MINUTE: '3', CHAT_DAILY_MESSAGE_QUOTA: '100' };
    const a = await startTestApp({ redisKeyPrefix: prefix, env });
    const b = await startTestApp({ redisKeyPrefix: prefix, env, databaseUrl: a.databaseUrl, model: a.model });
    try {
      const user = await signUp(a.app);
      await openChatFor(a.app, [user.user.id]);
      const statuses = [];
      for (const app of [a, b, a, b])
        statuses.push((await send(app, user, await newSession(app, user))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await send(b, user, await newSession(b, user));
      expect(refused.body).toMatchObject({ code: 'rate_limited', limit: 3, remaining: 0 });
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('when Redis goes away', () => {
  it('sign-in keeps working, throttled in this instance (no 500)', async () => {
    const port = await freePort();
    const redis = await startRedisServer(port);
    const t = await startTestApp({ env: { REDIS_URL: redis.url } });
    try {
      const user = await signUp(t.app);
      await redis.stop();
      const login = (password: string) =>
        request(t.app).post('/api/v1/auth/login').send({ email: user.user.email, password });
      const ok = await login(user.password);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.accessToken).toEqual(expect.any(String));
      const wrong = await login('not the password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('invalid_credentials');
    } finally {
      await t.close();
      await redis.stop();
    }
  });

  it('the daily quota fails closed (503 within 1 s) and sends succeed again once Redis is back', async () => {
    const port = await freePort();
    let redis = await startRedisServer(port);
    const t = await startTestApp({ env: { REDIS_URL: redis.url, CHAT_RATE_LIMIT_PER_MINUTE: '100' } });
    try {
      const user = await signUp(t.app);
      await openChatFor(t.app, [user.user.id]);
      expect((await send(t, user, await newSession(t, user))).status).toBe(200);

      await redis.stop();
      const id = await newSession(t, user);
      const started = performance.now();
      const down = await send(t, user, id);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('service_unavailable');
      expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
      expect((await request(t.app).get('/readyz')).body).toMatchObject({
        status: 'degraded',
        checks: { redis: { status: 'down' } },
      });
      const fallbacks = (await request(t.app).get('/metrics')).text;
      expect(fallbacks).toMatch(/parley_limiter_fallbacks_total\{operation="consume"\} [1-9]/);

      redis = await startRedisServer(port);
      const deadline = Date.now() + 10_000;
      let back = await send(t, user, id);
      while (back.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        back = await send(t, user, id);
      }
      expect(back.status).toBe(200);
    } finally {
      await t.close();
      await redis.stop();
    }
  });
});
