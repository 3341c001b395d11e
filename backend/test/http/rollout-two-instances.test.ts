import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn, signUp } from '../support/auth-helpers.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/** Polls until `check` holds, for at most `withinMs`; returns how long it took. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`not true within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

describe('two instances sharing PostgreSQL and Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const prefix = `parley-test:${randomBytes(4).toString('hex')}:`;
    a = await startTestApp({ redisKeyPrefix: prefix });
    b = await startTestApp({ databaseUrl: a.databaseUrl, redisKeyPrefix: prefix });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a flag change made on one is enforced on the other within 5 seconds', async () => {
    const admin = await signIn(a.app, TEST_ADMIN.email, TEST_ADMIN.password);
    const user = await signUp(a.app);
    const onB = () => request(b.app).get('/api/v1/chat/quota').set(bearer(user.accessToken));
    // B evaluates (and caches) "no chat" for the user first.
    expect((await onB()).status).toBe(403);

    const flag = (await request(a.app).get('/api/v1/admin/features/chat').set(bearer(admin.accessToken)))
      .body;
    await request(a.app)
      .put('/api/v1/admin/features/chat')
      .set(bearer(admin.accessToken))
      .send({ enabled: true, audience: { ...flag.audience, userIds: [user.user.id] } });
    await within(5_000, async () => (await onB()).status === 200);

    // And the kill switch, the other way round.
    await request(a.app)
      .put('/api/v1/admin/features/chat')
      .set(bearer(admin.accessToken))
      .send({ enabled: false, audience: flag.audience });
    await within(5_000, async () => (await onB()).status === 403);
  });

  it('a demotion on one instance takes admin away on the other within 5 seconds', async () => {
    const admin = await signIn(a.app, TEST_ADMIN.email, TEST_ADMIN.password);
    const user = await signUp(a.app);
    await request(a.app)
      .patch(`/api/v1/admin/users/${user.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ role: 'admin' });
    const promoted = await signIn(b.app, user.user.email, user.password);
    expect((await request(b.app).get('/api/v1/admin/users').set(bearer(promoted.accessToken))).status).toBe(
      200,
    );

    await request(a.app)
      .patch(`/api/v1/admin/users/${user.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ role: 'user' });
    await within(
      5_000,
      async () =>
        (await request(b.app).get('/api/v1/admin/users').set(bearer(promoted.accessToken))).status === 403,
    );
  });
});
