import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn, signUp } from '../support/auth-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { call, specRoutes } from '../support/spec-routes.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

describe('staged rollout over HTTP', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password)).accessToken;
  });
  afterAll(() => t?.close());

  const chatFlag = async () =>
    (await request(t.app).get('/api/v1/admin/features/chat').set(bearer(admin))).body;
  const putChat = (body: object) =>
    request(t.app).put('/api/v1/admin/features/chat').set(bearer(admin)).send(body);

  it('seeds chat on for admins only, with the deployment switch shown read-only', async () => {
    const flag = await chatFlag();
    expect(flag).toMatchObject({
      key: 'chat',
      enabled: true,
      deploymentEnabled: true,
      audience: { roles: ['admin'], cohortIds: [], userIds: [], percentage: 0 },
      updatedBy: null,
    });
    const list = await request(t.app).get('/api/v1/admin/features').set(bearer(admin));
    expect(list.body.map((f: { key: string }) => f.key)).toEqual(['chat']);
  });

  it('answers 403 feature_disabled, before validation, on every chat route the spec gates, to a user outside the audience', async () => {
    const user = await signUp(t.app);
    const routes = await specRoutes(t.app, '/chat');
    const gated = routes.filter((route) => route.scopes.includes('feature:chat'));
    // Starting conversations is gated; your own chats are not (API.md "The chat flag and your own data").
    expect(gated.map((route) => `${route.method} ${route.template}`)).toEqual(
      expect.arrayContaining(['post /chat/sessions', 'post /chat/sessions/{id}/messages']),
    );
    expect(
      routes
        .filter((route) => !route.scopes.includes('feature:chat'))
        .map((r) => `${r.method} ${r.template}`),
    ).toEqual(
      expect.arrayContaining([
        'get /chat/sessions',
        'get /chat/sessions/{id}',
        'patch /chat/sessions/{id}',
        'delete /chat/sessions/{id}',
        'get /chat/sessions/{id}/messages',
        'post /chat/sessions/{id}/restore',
        'get /chat/sessions/{id}/export',
      ]),
    );
    for (const route of routes) {
      const res = await call(t.app, route, user.accessToken);
      const where = `${route.method} ${route.template}`;
      if (gated.includes(route)) {
        expect(res.status, where).toBe(403);
        expect(res.body.code, where).toBe('feature_disabled');
      } else {
        expect(res.body.code, where).not.toBe('feature_disabled');
      }
    }
    expect((await request(t.app).get('/api/v1/me').set(bearer(user.accessToken))).body.features).toEqual({
      chat: false,
      featureReason: 'not_yet',
    });
  });

  it('a cohort opens chat for its members; the audit log records the membership and the rules change', async () => {
    const user = await signUp(t.app);
    expect((await request(t.app).get('/api/v1/chat/quota').set(bearer(user.accessToken))).status).toBe(403);

    const cohort = await request(t.app)
      .post('/api/v1/admin/cohorts')
      .set(bearer(admin))
      .send({ name: 'beta-testers', description: 'First wave' });
    expect(cohort.status).toBe(201);
    const added = await request(t.app)
      .post(`/api/v1/admin/cohorts/${cohort.body.id}/members`)
      .set(bearer(admin))
      .send({ emails: [user.user.email.toUpperCase()] });
    expect(added.body).toEqual({ added: [user.user.id], alreadyMembers: [] });
    const before = await chatFlag();
    const put = await putChat({
      enabled: true,
      audience: { ...before.audience, cohortIds: [cohort.body.id] },
    });
    expect(put.status).toBe(200);
    expect(put.body.audience.cohortIds).toEqual([cohort.body.id]);

    const quota = await request(t.app).get('/api/v1/chat/quota').set(bearer(user.accessToken));
    expect(quota.status).toBe(200);
    expect(quota.body).toMatchObject({
      unlimited: false,
      rateLimit: { limit: 10, remaining: 10 },
      dailyQuota: { limit: 100, used: 0, remaining: 100 },
    });
    expect((await request(t.app).get('/api/v1/me').set(bearer(user.accessToken))).body.features).toEqual({
      chat: true,
      featureReason: null,
    });

    const audit = await request(t.app).get('/api/v1/admin/audit?limit=10').set(bearer(admin));
    const actor = { id: expect.any(String), email: TEST_ADMIN.email };
    expect(audit.body.items.slice(0, 3)).toEqual([
      expect.objectContaining({
        action: 'feature.updated',
        subject: 'feature:chat',
        actor,
        before: expect.objectContaining({ audience: before.audience }),
        after: expect.objectContaining({
          audience: expect.objectContaining({ cohortIds: [cohort.body.id] }),
        }),
      }),
      expect.objectContaining({
        action: 'cohort.members_added',
        subject: `cohort:${cohort.body.id}`,
        actor,
        after: { userIds: [user.user.id] },
      }),
      expect.objectContaining({
        action: 'cohort.created',
        subject: `cohort:${cohort.body.id}`,
        actor,
        before: null,
        after: { name: 'beta-testers', description: 'First wave' },
      }),
    ]);
    const bySubject = await request(t.app)
      .get(`/api/v1/admin/audit?subject=cohort:${cohort.body.id}`)
      .set(bearer(admin));
    expect(bySubject.body.items.map((e: { action: string }) => e.action)).toEqual([
      'cohort.members_added',
      'cohort.created',
    ]);

    // Removing the member closes it again.
    expect(
      (
        await request(t.app)
          .delete(`/api/v1/admin/cohorts/${cohort.body.id}/members/${user.user.id}`)
          .set(bearer(admin))
      ).status,
    ).toBe(204);
    expect((await request(t.app).get('/api/v1/chat/quota').set(bearer(user.accessToken))).status).toBe(403);
  });

  it('evaluate explains why a user has or lacks the feature', async () => {
    const user = await signUp(t.app);
    const adminMe = (await request(t.app).get('/api/v1/me').set(bearer(admin))).body;
    const evaluate = (userId: string) =>
      request(t.app).get(`/api/v1/admin/features/chat/evaluate?userId=${userId}`).set(bearer(admin));
    expect((await evaluate(user.user.id)).body).toEqual({ enabled: false, reason: 'not_in_audience' });
    expect((await evaluate(adminMe.id)).body).toEqual({ enabled: true, reason: 'role' });
    const flag = await chatFlag();
    await putChat({ enabled: true, audience: { ...flag.audience, userIds: [user.user.id] } });
    expect((await evaluate(user.user.id)).body).toEqual({ enabled: true, reason: 'user' });
    await putChat({ enabled: true, audience: { ...flag.audience, userIds: [], percentage: 100 } });
    expect((await evaluate(user.user.id)).body).toEqual({ enabled: true, reason: 'percentage' });
    await putChat({ enabled: false, audience: flag.audience });
    expect((await evaluate(adminMe.id)).body).toEqual({ enabled: false, reason: 'flag_off' });
    // The kill switch bites admins too.
    expect((await request(t.app).get('/api/v1/chat/quota').set(bearer(admin))).status).toBe(403);
    await putChat({ enabled: true, audience: flag.audience });
    expect((await evaluate('018f0000-0000-7000-8000-000000000000')).status).toBe(404);
    expect(
      (await request(t.app).get('/api/v1/admin/features/nope/evaluate?userId=x').set(bearer(admin))).status,
    ).toBe(404);
  });

  it('rejects invalid rules and unknown references with 422, changing nothing', async () => {
    const before = await chatFlag();
    for (const audience of [
      { ...before.audience, percentage: 150 },
      { ...before.audience, cohortIds: ['018f0000-0000-7000-8000-000000000001'] },
      { ...before.audience, roles: ['root'] },
    ]) {
      const res = await putChat({ enabled: true, audience });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await putChat({ enabled: true, audience: before.audience, extra: 1 })).status).toBe(422);
    expect(await chatFlag()).toEqual(before);
  });

  it('cohorts: unique names, rename, members page, delete takes them out of audiences', async () => {
    const a = await request(t.app).post('/api/v1/admin/cohorts').set(bearer(admin)).send({ name: 'Wave-2' });
    expect(
      (await request(t.app).post('/api/v1/admin/cohorts').set(bearer(admin)).send({ name: 'wave-2' })).status,
    ).toBe(422);
    const renamed = await request(t.app)
      .patch(`/api/v1/admin/cohorts/${a.body.id}`)
      .set(bearer(admin))
      .send({ name: 'wave-two' });
    expect(renamed.body).toMatchObject({ name: 'wave-two', memberCount: 0 });
    const users = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    await request(t.app)
      .post(`/api/v1/admin/cohorts/${a.body.id}/members`)
      .set(bearer(admin))
      .send({ userIds: users.map((u) => u.user.id) });
    const again = await request(t.app)
      .post(`/api/v1/admin/cohorts/${a.body.id}/members`)
      .set(bearer(admin))
      .send({ userIds: [users[0]!.user.id] });
    expect(again.body).toEqual({ added: [], alreadyMembers: [users[0]!.user.id] });
    const unknown = await request(t.app)
      .post(`/api/v1/admin/cohorts/${a.body.id}/members`)
      .set(bearer(admin))
      .send({ emails: ['ghost@example.com'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { path: 'emails', message: 'no user with email ghost@example.com' },
    ]);

    const page1 = await request(t.app)
      .get(`/api/v1/admin/cohorts/${a.body.id}/members?limit=2`)
      .set(bearer(admin));
    const page2 = await request(t.app)
      .get(`/api/v1/admin/cohorts/${a.body.id}/members?limit=2&cursor=${page1.body.nextCursor}`)
      .set(bearer(admin));
    const seen = [...page1.body.items, ...page2.body.items].map((m: { userId: string }) => m.userId).sort();
    expect(seen).toEqual(users.map((u) => u.user.id).sort());
    expect(page2.body.nextCursor).toBeNull();
    expect(
      (await request(t.app).get(`/api/v1/admin/cohorts/${a.body.id}`).set(bearer(admin))).body.memberCount,
    ).toBe(3);

    const flag = await chatFlag();
    await putChat({
      enabled: true,
      audience: { ...flag.audience, cohortIds: [...flag.audience.cohortIds, a.body.id] },
    });
    expect(
      (await request(t.app).delete(`/api/v1/admin/cohorts/${a.body.id}`).set(bearer(admin))).status,
    ).toBe(204);
    expect((await chatFlag()).audience.cohortIds).not.toContain(a.body.id);
    expect((await request(t.app).get(`/api/v1/admin/cohorts/${a.body.id}`).set(bearer(admin))).status).toBe(
      404,
    );
    const log = await request(t.app).get('/api/v1/admin/audit?limit=2').set(bearer(admin));
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'cohort.deleted',
      'feature.updated',
    ]);
  });

  it('role changes are audited too', async () => {
    const user = await signUp(t.app);
    await request(t.app)
      .patch(`/api/v1/admin/users/${user.user.id}`)
      .set(bearer(admin))
      .send({ role: 'admin' });
    const log = await request(t.app)
      .get(`/api/v1/admin/audit?subject=user:${user.user.id}`)
      .set(bearer(admin));
    expect(log.body.items).toEqual([
      expect.objectContaining({
        action: 'user.role_changed',
        before: { role: 'user' },
        after: { role: 'admin' },
      }),
    ]);
  });

  it('answers 403 to a non-admin on every admin route, every method', async () => {
    const user = await signUp(t.app);
    const routes = await specRoutes(t.app, '/admin');
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const route of routes) {
      const res = await call(t.app, route, user.accessToken);
      expect(res.status, `${route.method} ${route.template}`).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
  });

  it('the openChatFor helper opens chat through the real rules', async () => {
    const user = await signUp(t.app);
    await openChatFor(t.app, [user.user.id]);
    expect((await request(t.app).get('/api/v1/chat/quota').set(bearer(user.accessToken))).status).toBe(200);
  });
});

describe('the deployment switch (FEATURE_CHAT_ENABLED=false)', () => {
  it('turns chat off for everyone, admins included, whatever the flag says', async () => {
    const t = await startTestApp({ env: { FEATURE_CHAT_ENABLED: 'false' } });
    try {
      const admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
      const quota = await request(t.app).get('/api/v1/chat/quota').set(bearer(admin.accessToken));
      expect(quota.status).toBe(403);
      expect(quota.body.code).toBe('feature_disabled');
      expect((await request(t.app).get('/api/v1/me').set(bearer(admin.accessToken))).body.features).toEqual({
        chat: false,
        featureReason: 'paused',
      });
      const flag = await request(t.app).get('/api/v1/admin/features/chat').set(bearer(admin.accessToken));
      expect(flag.body.deploymentEnabled).toBe(false);
      const why = await request(t.app)
        .get(`/api/v1/admin/features/chat/evaluate?userId=${admin.user.id}`)
        .set(bearer(admin.accessToken));
      expect(why.body).toEqual({ enabled: false, reason: 'deployment_disabled' });
    } finally {
      await t.close();
    }
  });
});
