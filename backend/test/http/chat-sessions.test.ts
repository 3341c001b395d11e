import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PurgeDeletedSessions } from '../../src/application/chat/purge-deleted-sessions.use-case.js';
import { bearer, signUp, type SignedIn } from '../support/auth-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MISSING = '019a0000-0000-7000-8000-00000000dead';
const DAY = 86_400_000;

describe('chat sessions over HTTP', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  const clock = new TestClock(new Date('2026-11-22T10:00:00.000Z'));

  beforeAll(async () => {
    t = await startTestApp({ overrides: { clock } });
    alice = await signUp(t.app, { displayName: 'Alice' });
    bob = await signUp(t.app, { displayName: 'Bob' });
    await openChatFor(t.app, [alice.user.id, bob.user.id]);
  });
  afterAll(() => t?.close());

  const as = (who: SignedIn) => ({
    get: (url: string) => request(t.app).get(`/api/v1${url}`).set(bearer(who.accessToken)),
    post: (url: string, body?: object) => {
      const req = request(t.app).post(`/api/v1${url}`).set(bearer(who.accessToken));
      return body === undefined ? req : req.send(body);
    },
    patch: (url: string, body: object) =>
      request(t.app).patch(`/api/v1${url}`).set(bearer(who.accessToken)).send(body),
    delete: (url: string) => request(t.app).delete(`/api/v1${url}`).set(bearer(who.accessToken)),
  });
  const tick = (ms = 1000) => clock.advance(ms);
  const iso = () => clock.now().toISOString();
  const row = (id: string) =>
    t.ctx.database.db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  const create = async (who: SignedIn, body: object = {}) => {
    tick();
    const res = await as(who).post('/chat/sessions', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as {
      id: string;
      title: string;
      createdAt: string;
      updatedAt: string;
      lastActivityAt: string;
      messageCount: number;
    };
  };
  const expectNotFound = (res: request.Response, label: string) => {
    expect(res.status, label).toBe(404);
    expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
    expect(res.body, label).toMatchObject({ code: 'not_found', detail: 'The chat session does not exist.' });
  };

  it('creates a session: "New chat" by default, a trimmed title when given', async () => {
    tick();
    const res = await as(alice).post('/chat/sessions', {});
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'New chat',
      createdAt: iso(),
      updatedAt: iso(),
      lastActivityAt: iso(),
      messageCount: 0,
    });

    const titled = await as(alice).post('/chat/sessions', { title: '  Trip \n to   Lisbon ' });
    expect(titled.status).toBe(201);
    expect(titled.body).toMatchObject({ title: 'Trip to Lisbon', messageCount: 0 });

    const noBody = await as(alice).post('/chat/sessions');
    expect(noBody.status).toBe(201);
    expect(noBody.body.title).toBe('New chat');
  });

  it('gets a session with its (still empty) messages, and lists its messages', async () => {
    const s = await create(alice, { title: 'Detail' });
    const res = await as(alice).get(`/chat/sessions/${s.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...s, messages: [], messagesCursor: null });
    const messages = await as(alice).get(`/chat/sessions/${s.id}/messages`);
    expect(messages.status).toBe(200);
    expect(messages.body).toEqual({ items: [], nextCursor: null });
  });

  it('lists newest activity first, in keyset pages; creation moves a session to the top, a rename does not', async () => {
    const carol = await signUp(t.app);
    await openChatFor(t.app, [carol.user.id]);
    const s1 = await create(carol, { title: 'one' });
    const s2 = await create(carol, { title: 'two' });
    const s3 = await create(carol, { title: 'three' });

    const first = await as(carol).get('/chat/sessions?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ items: [s3, s2], nextCursor: expect.any(String) });
    const second = await as(carol).get(`/chat/sessions?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [s1], nextCursor: null });

    tick();
    const renamed = await as(carol).patch(`/chat/sessions/${s1.id}`, { title: 'one, renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...s1, title: 'one, renamed', updatedAt: iso() });
    expect((await as(carol).get('/chat/sessions')).body.items.map((s: { id: string }) => s.id)).toEqual([
      s3.id,
      s2.id,
      s1.id,
    ]);

    const s4 = await create(carol);
    expect((await as(carol).get('/chat/sessions')).body.items.map((s: { id: string }) => s.id)).toEqual([
      s4.id,
      s3.id,
      s2.id,
      s1.id,
    ]);
    // Nobody else's sessions show up.
    expect((await as(bob).get('/chat/sessions')).body.items.map((s: { id: string }) => s.id)).not.toContain(
      s1.id,
    );
  });

  it('q finds sessions by title prefix, and finds nothing for pure syntax', async () => {
    const dave = await signUp(t.app);
    await openChatFor(t.app, [dave.user.id]);
    const porto = await create(dave, { title: 'Porto by train' });
    await create(dave, { title: 'Groceries' });
    const found = await as(dave).get(`/chat/sessions?q=${encodeURIComponent('port')}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ items: [porto], nextCursor: null });
    const syntax = await as(dave).get(`/chat/sessions?q=${encodeURIComponent("& | ! ( ) ' \\ :*")}`);
    expect(syntax.status).toBe(200);
    expect(syntax.body).toEqual({ items: [], nextCursor: null });
  });

  it('deletes softly (204), answers 404 everywhere but restore, and restores in place', async () => {
    const older = await create(alice, { title: 'Older' });
    const s = await create(alice, { title: 'To delete' });
    const newer = await create(alice, { title: 'Newer' });
    tick();
    const del = await as(alice).delete(`/chat/sessions/${s.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const deletedAt = (await row(s.id))?.deleted_at;
    expect(deletedAt).toEqual(clock.now());

    const list = (await as(alice).get('/chat/sessions?limit=100')).body.items.map(
      (x: { id: string }) => x.id,
    );
    expect(list).not.toContain(s.id);
    expectNotFound(await as(alice).get(`/chat/sessions/${s.id}`), 'GET');
    expectNotFound(await as(alice).patch(`/chat/sessions/${s.id}`, { title: 'x' }), 'PATCH');
    expectNotFound(await as(alice).delete(`/chat/sessions/${s.id}`), 'DELETE');
    expectNotFound(await as(alice).get(`/chat/sessions/${s.id}/messages`), 'messages');
    expectNotFound(await as(alice).get(`/chat/sessions/${s.id}/export`), 'export');
    expect((await row(s.id))?.deleted_at).toEqual(deletedAt);

    tick();
    const restored = await as(alice).post(`/chat/sessions/${s.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({ ...s, updatedAt: iso() });
    const after = (await as(alice).get('/chat/sessions?limit=100')).body.items.map(
      (x: { id: string }) => x.id,
    );
    expect(after.indexOf(s.id)).toBe(after.indexOf(newer.id) + 1);
    expect(after.indexOf(older.id)).toBe(after.indexOf(s.id) + 1);

    // Restoring a live session answers it unchanged.
    const again = await as(alice).post(`/chat/sessions/${s.id}/restore`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(restored.body);
  });

  it('restore answers 404 once the retention period is over; the purge job then removes the session', async () => {
    const s = await create(alice, { title: 'Forgotten' });
    expect((await as(alice).delete(`/chat/sessions/${s.id}`)).status).toBe(204);
    tick(30 * DAY + 1000);
    expectNotFound(await as(alice).post(`/chat/sessions/${s.id}/restore`), 'restore after retention');
    expect(await row(s.id)).toBeDefined();
    expect(await t.container.get(PurgeDeletedSessions).execute()).toBeGreaterThanOrEqual(1);
    expect(await row(s.id)).toBeUndefined();
    expectNotFound(await as(alice).post(`/chat/sessions/${s.id}/restore`), 'restore after purge');
  });

  it('exports Markdown as a download', async () => {
    const s = await create(alice, { title: 'Trip to Lisbon: März!' });
    const res = await as(alice).get(`/chat/sessions/${s.id}/export?format=markdown`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="trip-to-lisbon-marz.md"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text).toBe('# Trip to Lisbon: März!\n');
    // Markdown is the default format.
    const byDefault = await as(alice).get(`/chat/sessions/${s.id}/export`);
    expect(byDefault.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(byDefault.text).toBe(res.text);
  });

  it('exports JSON (parley.chat.v1) as a download', async () => {
    const s = await create(alice, { title: 'Json me' });
    tick();
    const res = await as(alice).get(`/chat/sessions/${s.id}/export?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="json-me.json"');
    expect(res.body).toEqual({
      format: 'parley.chat.v1',
      exportedAt: iso(),
      session: {
        id: s.id,
        title: 'Json me',
        titleSource: 'user',
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        lastActivityAt: s.lastActivityAt,
        messageCount: 0,
      },
      messages: [],
    });
  });

  describe("someone else's session", () => {
    it('answers 404 on every route, exactly as for a missing session, and changes nothing', async () => {
      const s = await create(alice, { title: 'Alice only' });
      const deleted = await create(alice, { title: 'Alice deleted' });
      expect((await as(alice).delete(`/chat/sessions/${deleted.id}`)).status).toBe(204);
      const before = {
        live: await row(s.id),
        deleted: await row(deleted.id),
        view: (await as(alice).get(`/chat/sessions/${s.id}`)).body,
      };

      const attempts = (id: string) =>
        [
          ['GET', as(bob).get(`/chat/sessions/${id}`)],
          ['PATCH', as(bob).patch(`/chat/sessions/${id}`, { title: 'Mine now' })],
          ['DELETE', as(bob).delete(`/chat/sessions/${id}`)],
          ['restore', as(bob).post(`/chat/sessions/${id}/restore`)],
          ['messages', as(bob).get(`/chat/sessions/${id}/messages`)],
          ['export markdown', as(bob).get(`/chat/sessions/${id}/export`)],
          ['export json', as(bob).get(`/chat/sessions/${id}/export?format=json`)],
        ] as const;
      const missing = new Map<string, unknown>();
      for (const [label, pending] of attempts(MISSING)) {
        const res = await pending;
        expectNotFound(res, `${label} missing`);
        missing.set(label, { status: res.status, code: res.body.code, detail: res.body.detail });
      }
      for (const id of [s.id, deleted.id]) {
        for (const [label, pending] of attempts(id)) {
          const res = await pending;
          expectNotFound(res, `${label} ${id}`);
          expect({ status: res.status, code: res.body.code, detail: res.body.detail }, label).toEqual(
            missing.get(label),
          );
        }
      }
      // A malformed id is just as missing.
      expectNotFound(await as(bob).get('/chat/sessions/not-a-uuid'), 'malformed id');

      expect(await row(s.id)).toEqual(before.live);
      expect(await row(deleted.id)).toEqual(before.deleted);
      expect((await as(alice).get(`/chat/sessions/${s.id}`)).body).toEqual(before.view);
      expect(
        (await as(bob).get('/chat/sessions?limit=100')).body.items.map((x: { id: string }) => x.id),
      ).not.toContain(s.id);
    });
  });

  describe('validation (422 validation_failed)', () => {
    const expect422 = (res: request.Response, path?: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      if (path)
        expect(res.body.errors).toEqual([expect.objectContaining({ path: expect.stringContaining(path) })]);
    };

    it('rejects unknown body fields', async () => {
      const s = await create(alice);
      expect422(await as(alice).post('/chat/sessions', { title: 'x', pinned: true }), 'pinned');
      expect422(
        await as(alice).patch(`/chat/sessions/${s.id}`, { title: 'x', userId: bob.user.id }),
        'userId',
      );
      expect((await row(s.id))?.title).toBe('New chat');
    });

    it('rejects an empty, blank or too long title', async () => {
      const s = await create(alice);
      expect422(await as(alice).post('/chat/sessions', { title: '   ' }), 'title');
      expect422(await as(alice).patch(`/chat/sessions/${s.id}`, { title: '' }), 'title');
      expect422(await as(alice).patch(`/chat/sessions/${s.id}`, { title: 'x'.repeat(201) }), 'title');
      expect422(await as(alice).patch(`/chat/sessions/${s.id}`, {}), 'title');
      expect((await as(alice).patch(`/chat/sessions/${s.id}`, { title: 'x'.repeat(200) })).status).toBe(200);
    });

    it('rejects limit outside 1..100', async () => {
      const s = await create(alice);
      for (const limit of ['101', '0', '-1', '2.5', 'ten']) {
        expect422(await as(alice).get(`/chat/sessions?limit=${limit}`), 'limit');
        expect422(await as(alice).get(`/chat/sessions/${s.id}/messages?limit=${limit}`), 'limit');
      }
      expect((await as(alice).get('/chat/sessions?limit=100')).status).toBe(200);
    });

    it('rejects a cursor it did not hand out', async () => {
      const s = await create(alice);
      const forged = Buffer.from(JSON.stringify({ lastActivityAt: 'then', id: 'x' })).toString('base64url');
      for (const cursor of ['garbage', forged]) {
        expect422(await as(alice).get(`/chat/sessions?cursor=${cursor}`), 'cursor');
        expect422(await as(alice).get(`/chat/sessions/${s.id}/messages?cursor=${cursor}`), 'cursor');
      }
    });

    it('rejects an unknown export format and a too long q', async () => {
      const s = await create(alice);
      expect422(await as(alice).get(`/chat/sessions/${s.id}/export?format=pdf`), 'format');
      expect422(await as(alice).get(`/chat/sessions?q=${'x'.repeat(201)}`), 'q');
    });
  });

  it('answers 401 without a token', async () => {
    const res = await request(t.app).get('/api/v1/chat/sessions');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
