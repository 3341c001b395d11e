import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn, signUp, type SignedIn } from '../support/auth-helpers.js';
import { openLiveFeed, type LiveFeedClient, type LiveFeedEvent } from '../support/live-feed-client.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/** GET /events across two instances on the same PostgreSQL and Redis (API.md "Live updates"). */
describe('the live feed (GET /events), two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: SignedIn;
  let cohortId: string;
  const feeds: LiveFeedClient[] = [];
  beforeAll(async () => {
    const prefix = `parley-test:${randomBytes(4).toString('hex')}:`;
    a = await startTestApp({ redisKeyPrefix: prefix });
    b = await startTestApp({ databaseUrl: a.databaseUrl, redisKeyPrefix: prefix });
    admin = await signIn(a.app, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterEach(async () => {
    for (const feed of feeds.splice(0)) await feed.close();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** A user with chat open (through the admin API on A). */
  async function chatter(): Promise<SignedIn> {
    const user = await signUp(a.app);
    cohortId = (await openChatFor(a.app, [user.user.id])).cohortId;
    return user;
  }
  async function feedOn(t: TestApp, who: SignedIn): Promise<LiveFeedClient> {
    const feed = await openLiveFeed(t.app, who.accessToken);
    feeds.push(feed);
    expect(feed.status).toBe(200);
    return feed;
  }
  const on = (t: TestApp, who: SignedIn) => ({
    post: (url: string, body: object = {}) =>
      request(t.app).post(`/api/v1${url}`).set(bearer(who.accessToken)).send(body),
    patch: (url: string, body: object) =>
      request(t.app).patch(`/api/v1${url}`).set(bearer(who.accessToken)).send(body),
    delete: (url: string) => request(t.app).delete(`/api/v1${url}`).set(bearer(who.accessToken)),
  });
  const named =
    (event: string, match: (data: Record<string, unknown>) => boolean = () => true) =>
    (e: LiveFeedEvent) =>
      e.event === event && match(e.data);
  const adminPut = (body: object) =>
    request(a.app).put('/api/v1/admin/features/chat').set(bearer(admin.accessToken)).send(body);
  const chatFlag = async () =>
    (await request(a.app).get('/api/v1/admin/features/chat').set(bearer(admin.accessToken))).body;

  it('answers 401 problem+json without a token, or with a bad one', async () => {
    for (const auth of [{}, bearer('not-a-token')]) {
      const res = await request(b.app).get('/api/v1/events').set(auth);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body.code).toBe('unauthenticated');
    }
  });

  it('streams text/event-stream and is declared as such, with every event schema, in the spec', async () => {
    const alice = await chatter();
    const feed = await feedOn(b, alice);
    expect(feed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('no-cache, no-transform');
    const spec = (await request(b.app).get('/api/v1/openapi.json')).body;
    const ok = spec.paths['/events'].get.responses['200'];
    expect(ok.content['text/event-stream'].schema).toEqual({ $ref: '#/components/schemas/LiveEvent' });
    const names = spec.components.schemas.LiveEvent.anyOf.map(
      (option: { properties: { event: { enum: string[] } } }) => option.properties.event.enum[0],
    );
    expect(names.sort()).toEqual([
      'features.changed',
      'quota.changed',
      'reply.ended',
      'session.created',
      'session.deleted',
      'session.message_added',
      'session.restored',
      'session.updated',
    ]);
  });

  it('on instance B, a user hears create, rename and restore made on instance A, without ids', async () => {
    const alice = await chatter();
    const feed = await feedOn(b, alice);
    const created = await on(a, alice).post('/chat/sessions', { title: 'Lisbon' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await feed.find(named('session.created'))).data).toEqual({ session: created.body });

    const renamed = await on(a, alice).patch(`/chat/sessions/${id}`, { title: 'Lisbon in March' });
    expect(renamed.status).toBe(200);
    expect((await feed.find(named('session.updated'))).data).toEqual({ session: renamed.body });

    expect((await on(a, alice).delete(`/chat/sessions/${id}`)).status).toBe(204);
    const restored = await on(a, alice).post(`/chat/sessions/${id}/restore`);
    expect(restored.status).toBe(200);
    expect((await feed.find(named('session.restored'))).data).toEqual({ session: restored.body });

    expect(feed.events.every((e) => e.id === undefined)).toBe(true);
    expect(feed.text()).not.toMatch(/^id:/m);
  });

  it('a delete on instance A reaches the feed on B as session.deleted', async () => {
    const alice = await chatter();
    const feed = await feedOn(b, alice);
    const id = (await on(a, alice).post('/chat/sessions')).body.id as string;
    expect((await on(a, alice).delete(`/chat/sessions/${id}`)).status).toBe(204);
    expect((await feed.find(named('session.deleted'))).data).toEqual({ sessionId: id });
  });

  it('a message sent on instance A reaches the feed on B: message added, session updated, reply ended, quota', async () => {
    const alice = await chatter();
    const feed = await feedOn(b, alice);
    const id = (await on(a, alice).post('/chat/sessions')).body.id as string;
    const sent = await on(a, alice).post(`/chat/sessions/${id}/messages`, { content: 'Hello there' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const { userMessage, assistantMessage } = sent.body as {
      userMessage: { id: string };
      assistantMessage: { id: string };
    };
    const added = await feed.find(named('session.message_added'));
    expect(added.data).toEqual({ sessionId: id, message: userMessage, replyId: assistantMessage.id });
    const ended = await feed.find(named('reply.ended'));
    expect(ended.data).toEqual({ sessionId: id, messageId: assistantMessage.id, status: 'complete' });
    const updated = await feed.find(named('session.updated'));
    expect(updated.data.session).toMatchObject({ id, title: 'Hello there' });
    await feed.find(named('quota.changed'));
  });

  it('never carries another user’s events', async () => {
    const [alice, bob] = [await chatter(), await chatter()];
    const bobsFeed = await feedOn(b, bob);
    const alices = (await on(a, alice).post('/chat/sessions', { title: 'Alice only' })).body.id as string;
    await on(a, alice).patch(`/chat/sessions/${alices}`, { title: 'Still Alice only' });
    // Bob's own event, published after Alice's on the same channel: once it is here, hers would be too.
    const bobs = (await on(a, bob).post('/chat/sessions')).body.id as string;
    await bobsFeed.find(named('session.created', (d) => (d.session as { id: string }).id === bobs));
    expect(bobsFeed.events.map((e) => e.event)).toEqual(['session.created']);
    expect(bobsFeed.text()).not.toContain(alices);
  });

  it('features.changed: joining a cohort in the audience, the kill switch off and on, leaving after chatting', async () => {
    await chatter(); // the tests' cohort is in the audience
    const carol = await signUp(a.app);
    const feed = await feedOn(b, carol);
    const changes = () => feed.events.filter((e) => e.event === 'features.changed').map((e) => e.data);

    const added = await request(a.app)
      .post(`/api/v1/admin/cohorts/${cohortId}/members`)
      .set(bearer(admin.accessToken))
      .send({ userIds: [carol.user.id] });
    expect(added.status).toBe(200);
    await feed.find(named('features.changed', (d) => d.chat === true));
    expect(changes()).toEqual([{ chat: true, featureReason: null }]);

    const flag = await chatFlag();
    expect((await adminPut({ enabled: false, audience: flag.audience })).status).toBe(200);
    await feed.find(named('features.changed', (d) => d.chat === false));
    expect((await adminPut({ enabled: true, audience: flag.audience })).status).toBe(200);
    await feed.find(named('features.changed', (d) => d.chat === true && changes().length === 3));
    expect(changes()).toEqual([
      { chat: true, featureReason: null },
      { chat: false, featureReason: 'paused' },
      { chat: true, featureReason: null },
    ]);

    // Carol chats, then leaves the audience: paused (taken away), not "not yet".
    expect((await on(a, carol).post('/chat/sessions')).status).toBe(201);
    const removed = await request(a.app)
      .delete(`/api/v1/admin/cohorts/${cohortId}/members/${carol.user.id}`)
      .set(bearer(admin.accessToken));
    expect(removed.status).toBe(204);
    await feed.find(named('features.changed', () => changes().length === 4));
    expect(changes()[3]).toEqual({ chat: false, featureReason: 'paused' });
  });

  it('features.changed after a role change that opens chat (the audience names the admin role)', async () => {
    const dave = await signUp(a.app);
    const feed = await feedOn(b, dave);
    const promoted = await request(a.app)
      .patch(`/api/v1/admin/users/${dave.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ role: 'admin' });
    expect(promoted.status).toBe(200);
    expect((await feed.find(named('features.changed'))).data).toEqual({ chat: true, featureReason: null });
  });
});

describe('the live feed and the token it was opened with', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ACCESS_TTL: '3s' } });
  });
  afterAll(() => t?.close());

  it('closes when the access token expires, not before', async () => {
    const user = await signUp(t.app);
    const [, payload] = user.accessToken.split('.');
    const { exp } = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { exp: number };
    const feed = await openLiveFeed(t.app, user.accessToken);
    try {
      expect(feed.status).toBe(200);
      await feed.ended;
      expect(Date.now()).toBeGreaterThanOrEqual(exp * 1_000 - 20);
      // The token it was opened with is spent; a fresh one opens a new feed.
      expect((await request(t.app).get('/api/v1/me').set(bearer(user.accessToken))).status).toBe(401);
    } finally {
      await feed.close();
    }
  });
});
