import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn, signUp, type SignedIn } from '../support/auth-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * API.md "The chat flag and your own data": the flag gates starting conversations; your own
 * chats stay readable and manageable when chat is off for you, and GET /me says why it is off.
 */
describe('the chat flag gates starting conversations, not your own chats', () => {
  let t: TestApp;
  let admin: SignedIn;
  let cohortId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => t?.close());

  const api = (who: SignedIn) => ({
    get: (url: string) => request(t.app).get(`/api/v1${url}`).set(bearer(who.accessToken)),
    post: (url: string, body: object = {}) =>
      request(t.app).post(`/api/v1${url}`).set(bearer(who.accessToken)).send(body),
    patch: (url: string, body: object) =>
      request(t.app).patch(`/api/v1${url}`).set(bearer(who.accessToken)).send(body),
    delete: (url: string) => request(t.app).delete(`/api/v1${url}`).set(bearer(who.accessToken)),
  });
  const adminApi = () => api(admin);
  const features = async (who: SignedIn) => {
    const me = (await api(who).get('/me')).body as {
      features: { featureReason: unknown };
      featureReason: unknown;
    };
    // Top level and inside `features`: the same answer.
    expect(me.featureReason).toEqual(me.features.featureReason);
    return me.features;
  };

  /** A user who had chat and started a session. */
  async function userWithAChat(): Promise<{ user: SignedIn; sessionId: string }> {
    const user = await signUp(t.app);
    cohortId = (await openChatFor(t.app, [user.user.id])).cohortId;
    expect(await features(user)).toEqual({ chat: true, featureReason: null });
    const created = await api(user).post('/chat/sessions', { title: 'Lisbon' });
    expect(created.status).toBe(201);
    return { user, sessionId: created.body.id as string };
  }

  /** Everything but starting a conversation answers as if chat were on. */
  async function expectOwnChatsOpen(user: SignedIn, sessionId: string): Promise<void> {
    const as = api(user);
    const list = await as.get('/chat/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([sessionId]);
    expect((await as.get('/chat/sessions?q=lisbon')).body.items).toHaveLength(1);
    const open = await as.get(`/chat/sessions/${sessionId}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ id: sessionId, messages: [] });
    expect((await as.get(`/chat/sessions/${sessionId}/messages`)).status).toBe(200);
    const markdown = await as.get(`/chat/sessions/${sessionId}/export`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect((await as.get(`/chat/sessions/${sessionId}/export?format=json`)).status).toBe(200);
    const renamed = await as.patch(`/chat/sessions/${sessionId}`, { title: 'Lisbon, kept' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Lisbon, kept');
    expect((await as.delete(`/chat/sessions/${sessionId}`)).status).toBe(204);
    expect((await as.get('/chat/sessions')).body.items).toEqual([]);
    const restored = await as.post(`/chat/sessions/${sessionId}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.id).toBe(sessionId);

    const create = await as.post('/chat/sessions');
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('feature_disabled');
    expect((await as.get('/chat/sessions')).body.items).toHaveLength(1);
  }

  it('kill switch (the flag’s enabled off): your chats stay open, create answers 403, GET /me says paused', async () => {
    const { user, sessionId } = await userWithAChat();
    const flag = (await adminApi().get('/admin/features/chat')).body;
    const off = await request(t.app)
      .put('/api/v1/admin/features/chat')
      .set(bearer(admin.accessToken))
      .send({ enabled: false, audience: flag.audience });
    expect(off.status).toBe(200);
    try {
      expect(await features(user)).toEqual({ chat: false, featureReason: 'paused' });
      // Paused for everyone, even for someone who never chatted: it is the kill switch.
      expect(await features(await signUp(t.app))).toEqual({ chat: false, featureReason: 'paused' });
      await expectOwnChatsOpen(user, sessionId);
    } finally {
      await request(t.app)
        .put('/api/v1/admin/features/chat')
        .set(bearer(admin.accessToken))
        .send({ enabled: true, audience: flag.audience });
    }
  });

  it('removal from the audience after chatting: your chats stay open, create answers 403, paused (taken away)', async () => {
    const { user, sessionId } = await userWithAChat();
    const removed = await adminApi().delete(`/admin/cohorts/${cohortId}/members/${user.user.id}`);
    expect(removed.status).toBe(204);
    expect(await features(user)).toEqual({ chat: false, featureReason: 'paused' });
    await expectOwnChatsOpen(user, sessionId);
  });

  it('GET /me: not_yet for someone the rollout has not reached, null once chat is on', async () => {
    const user = await signUp(t.app);
    expect(await features(user)).toEqual({ chat: false, featureReason: 'not_yet' });
    // Their (empty) list is theirs to read all the same.
    expect((await api(user).get('/chat/sessions')).body).toEqual({ items: [], nextCursor: null });
    await openChatFor(t.app, [user.user.id]);
    expect(await features(user)).toEqual({ chat: true, featureReason: null });
  });
});
