import { describe, expect, it } from 'vitest';
import type { ReplyStopper } from '../../../src/application/chat/send-message/reply-stopper.js';
import { CreateSession } from '../../../src/application/chat/create-session.use-case.js';
import { DeleteSession } from '../../../src/application/chat/delete-session.use-case.js';
import { ExportSession } from '../../../src/application/chat/export-session.use-case.js';
import { GetSession } from '../../../src/application/chat/get-session.use-case.js';
import { ListMessages } from '../../../src/application/chat/list-messages.use-case.js';
import { ListSessions } from '../../../src/application/chat/list-sessions.use-case.js';
import { PurgeDeletedSessions } from '../../../src/application/chat/purge-deleted-sessions.use-case.js';
import { RenameSession } from '../../../src/application/chat/rename-session.use-case.js';
import { RestoreSession } from '../../../src/application/chat/restore-session.use-case.js';
import { encodeCursor } from '../../../src/application/shared/cursor.js';
import type { ChatSession } from '../../../src/domain/chat/chat-session.entity.js';
import type { ChatMessage, MessageRole, MessageStatus } from '../../../src/domain/chat/message.js';
import { NotFound, ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { inMemoryChatRepositories } from '../../support/fakes/in-memory-chat.js';
import { RecordingUserEvents } from '../../support/fakes/recording-user-events.js';
import { TestClock } from '../../support/test-clock.js';

const ALICE = '019a0000-0000-7000-8000-0000000a11ce';
const BOB = '019a0000-0000-7000-8000-000000000b0b';
const MISSING = '019a0000-0000-7000-8000-00000000dead';
const T0 = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;

/** Records the replies DeleteSession stops (ReplyStopper itself is tested with the send slice). */
class RecordingStopper implements Pick<ReplyStopper, 'stop'> {
  readonly stopped: { replyId: string; userId: string; reason: string }[] = [];
  async stop(reply: { userId: string; message: { id: string } }, reason: string) {
    this.stopped.push({ replyId: reply.message.id, userId: reply.userId, reason });
  }
}

function world(retentionDays = 30) {
  const { chatSessions, chatMessages, chatExchanges } = inMemoryChatRepositories();
  const clock = new TestClock(T0);
  let seq = 0;
  const ids = { next: () => `019a0000-0000-7000-8000-${String(++seq).padStart(12, '0')}` };
  const stopper = new RecordingStopper();
  const events = new RecordingUserEvents();
  const w = {
    sessions: chatSessions,
    messages: chatMessages,
    clock,
    ids,
    stopper,
    events,
    create: new CreateSession(chatSessions, ids, clock, events),
    list: new ListSessions(chatSessions),
    get: new GetSession(chatSessions, chatMessages),
    listMessages: new ListMessages(chatSessions, chatMessages),
    rename: new RenameSession(chatSessions, clock, events),
    remove: new DeleteSession(chatSessions, chatExchanges, stopper, clock, events),
    restore: new RestoreSession(chatSessions, clock, retentionDays, events),
    exporter: new ExportSession(chatSessions, chatMessages, clock),
    purge: new PurgeDeletedSessions(chatSessions, clock, retentionDays, 2),
    /** Stores a message as the send route will, and moves the session like it. */
    async say(
      session: ChatSession,
      role: MessageRole,
      content: string,
      extra: { status?: MessageStatus; at?: Date } = {},
    ): Promise<ChatMessage> {
      const at = extra.at ?? clock.now();
      const message: ChatMessage = {
        id: ids.next(),
        sessionId: session.id,
        role,
        content,
        status: extra.status ?? 'complete',
        tokenCount: 3,
        tokenCountEstimated: false,
        model: role === 'assistant' ? 'test-model' : null,
        finishReason: role === 'assistant' && (extra.status ?? 'complete') === 'complete' ? 'stop' : null,
        errorCode: null,
        lastEventId: extra.status === 'streaming' ? 0 : null,
        createdAt: at,
        updatedAt: at,
      };
      await chatMessages.insert(message);
      await chatSessions.touch(session.id, 1, at);
      return message;
    },
  };
  return w;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('CreateSession', () => {
  it('defaults the title to "New chat" (source default) and puts the session at the top', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    expect(s).toEqual({
      id: expect.any(String),
      userId: ALICE,
      title: 'New chat',
      titleSource: 'default',
      createdAt: T0,
      updatedAt: T0,
      lastActivityAt: T0,
      messageCount: 0,
      deletedAt: null,
    });
    expect(await w.sessions.findOwned(ALICE, s.id)).toEqual(s);
    expect(w.events.published).toEqual([{ userId: ALICE, event: { type: 'session.created', session: s } }]);
  });

  it('normalises a given title and marks it as the user’s', async () => {
    const w = world();
    const s = await w.create.execute(ALICE, { title: '  Trip   to Lisbon ' });
    expect(s).toMatchObject({ title: 'Trip to Lisbon', titleSource: 'user' });
  });

  it('rejects an empty or too long title and stores nothing', async () => {
    const w = world();
    expect(await rejection(w.create.execute(ALICE, { title: '   ' }))).toBeInstanceOf(ValidationFailed);
    expect(await rejection(w.create.execute(ALICE, { title: 'x'.repeat(201) }))).toBeInstanceOf(
      ValidationFailed,
    );
    expect(w.sessions.sessions.size).toBe(0);
    expect(w.events.published).toEqual([]);
  });
});

describe('ListSessions', () => {
  it('pages by (lastActivityAt desc, id desc) with no gaps or duplicates, only the caller’s live sessions', async () => {
    const w = world();
    const mine: ChatSession[] = [];
    for (let i = 0; i < 7; i++) {
      // Two at each instant, so the id decides ties.
      if (i % 2 === 0) w.clock.advance(1000);
      mine.push(await w.create.execute(ALICE));
    }
    await w.create.execute(BOB);
    const deleted = await w.create.execute(ALICE);
    await w.remove.execute(ALICE, deleted.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await w.list.execute(ALICE, { limit: 3, cursor });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...mine].reverse().map((s) => s.id));
  });

  it('answers nextCursor null when the page is exactly the rest', async () => {
    const w = world();
    await w.create.execute(ALICE);
    await w.create.execute(ALICE);
    expect((await w.list.execute(ALICE, { limit: 2 })).nextCursor).toBeNull();
    expect((await w.list.execute(ALICE, { limit: 1 })).nextCursor).toEqual(expect.any(String));
  });

  it('a new message moves its session to the top', async () => {
    const w = world();
    const old = await w.create.execute(ALICE);
    w.clock.advance(1000);
    const newer = await w.create.execute(ALICE);
    w.clock.advance(1000);
    await w.say(old, 'user', 'hello again');
    expect((await w.list.execute(ALICE, { limit: 10 })).items.map((s) => s.id)).toEqual([old.id, newer.id]);
  });

  it('q finds titles and message text by word prefix; blank q lists everything', async () => {
    const w = world();
    const titled = await w.create.execute(ALICE, { title: 'Lisbon itinerary' });
    const talked = await w.create.execute(ALICE);
    await w.say(talked, 'assistant', 'Porto is lovely in spring');
    await w.create.execute(ALICE, { title: 'Unrelated' });
    expect((await w.list.execute(ALICE, { limit: 10, q: 'lisb' })).items.map((s) => s.id)).toEqual([
      titled.id,
    ]);
    expect((await w.list.execute(ALICE, { limit: 10, q: 'PORTO spr' })).items.map((s) => s.id)).toEqual([
      talked.id,
    ]);
    expect((await w.list.execute(ALICE, { limit: 10, q: 'porto lisbon' })).items).toEqual([]);
    expect((await w.list.execute(ALICE, { limit: 10, q: '   ' })).items).toHaveLength(3);
  });

  it.each([
    ['not base64 json', 'garbage!'],
    ['missing fields', encodeCursor({ id: '019a0000-0000-7000-8000-000000000001' })],
    [
      'a time that is no time',
      encodeCursor({ lastActivityAt: 'yesterday', id: '019a0000-0000-7000-8000-000000000001' }),
    ],
    [
      'a time the database cannot hold',
      encodeCursor({
        lastActivityAt: '-200000-01-01T00:00:00.000Z',
        id: '019a0000-0000-7000-8000-000000000001',
      }),
    ],
    ['an id that cannot exist', encodeCursor({ lastActivityAt: T0.toISOString(), id: "1' or '1'='1" })],
  ])('rejects a cursor with %s (422 on cursor)', async (_label, cursor) => {
    const w = world();
    const error = await rejection(w.list.execute(ALICE, { limit: 20, cursor }));
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });
});

describe('GetSession and ListMessages', () => {
  it('returns the session with its latest 50 messages, oldest first, and a cursor to the older ones', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    const all: ChatMessage[] = [];
    for (let i = 0; i < 53; i++) {
      w.clock.advance(10);
      all.push(await w.say(s, i % 2 ? 'assistant' : 'user', `message ${i}`));
    }
    const detail = await w.get.execute(ALICE, s.id);
    expect(detail.session).toMatchObject({ id: s.id, messageCount: 53 });
    expect(detail.messages.map((m) => m.content)).toEqual(all.slice(3).map((m) => m.content));
    expect(detail.messagesCursor).toEqual(expect.any(String));

    const older = await w.listMessages.execute(ALICE, s.id, { limit: 2, cursor: detail.messagesCursor! });
    expect(older.items.map((m) => m.content)).toEqual(['message 1', 'message 2']);
    const oldest = await w.listMessages.execute(ALICE, s.id, { limit: 2, cursor: older.nextCursor! });
    expect(oldest.items.map((m) => m.content)).toEqual(['message 0']);
    expect(oldest.nextCursor).toBeNull();
  });

  it('keeps (createdAt, id) order when messages share a timestamp', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    const same = new Date(T0.getTime() + 5000);
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push(await w.say(s, 'user', `tie ${i}`, { at: same }));
    const first = await w.listMessages.execute(ALICE, s.id, { limit: 2 });
    const second = await w.listMessages.execute(ALICE, s.id, { limit: 2, cursor: first.nextCursor! });
    const third = await w.listMessages.execute(ALICE, s.id, { limit: 2, cursor: second.nextCursor! });
    expect([...third.items, ...second.items, ...first.items].map((m) => m.id)).toEqual(
      stored.map((m) => m.id),
    );
    expect(third.nextCursor).toBeNull();
  });

  it('a session without messages has an empty list and no cursor', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    expect(await w.get.execute(ALICE, s.id)).toEqual({ session: s, messages: [], messagesCursor: null });
  });

  it('rejects a forged message cursor with 422 before looking the session up', async () => {
    const w = world();
    const error = await rejection(
      w.listMessages.execute(ALICE, MISSING, {
        limit: 20,
        cursor: encodeCursor({ createdAt: 'x', id: 'y' }),
      }),
    );
    expect(error).toBeInstanceOf(ValidationFailed);
  });
});

describe('RenameSession', () => {
  it('sets a user title without moving the session', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    w.clock.advance(60_000);
    const renamed = await w.rename.execute(ALICE, s.id, { title: '  Lisbon  ' });
    expect(renamed).toEqual({
      ...s,
      title: 'Lisbon',
      titleSource: 'user',
      updatedAt: w.clock.now(),
      lastActivityAt: s.lastActivityAt,
    });
    expect(w.events.published.at(-1)).toEqual({
      userId: ALICE,
      event: { type: 'session.updated', session: renamed },
    });
  });

  it('validates the title before anything else', async () => {
    const w = world();
    expect(await rejection(w.rename.execute(ALICE, MISSING, { title: '' }))).toBeInstanceOf(ValidationFailed);
    expect(w.events.published).toEqual([]);
  });
});

describe('DeleteSession and RestoreSession', () => {
  it('soft-deletes, stops the reply streaming in it, tells the other tabs, and hides it from every read', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    const other = await w.create.execute(ALICE);
    await w.say(other, 'assistant', 'Elsewhere', { status: 'streaming' });
    await w.say(s, 'user', 'Tell me');
    const reply = await w.say(s, 'assistant', 'Once upon', { status: 'streaming' });
    await w.remove.execute(ALICE, s.id);
    expect(w.stopper.stopped).toEqual([{ replyId: reply.id, userId: ALICE, reason: 'session_deleted' }]);
    expect(w.events.published.at(-1)).toEqual({
      userId: ALICE,
      event: { type: 'session.deleted', sessionId: s.id },
    });
    expect(w.sessions.sessions.get(s.id)?.deletedAt).toEqual(T0);
    expect((await w.list.execute(ALICE, { limit: 10 })).items.map((x) => x.id)).toEqual([other.id]);
    for (const attempt of [
      w.get.execute(ALICE, s.id),
      w.listMessages.execute(ALICE, s.id, { limit: 10 }),
      w.rename.execute(ALICE, s.id, { title: 'x' }),
      w.remove.execute(ALICE, s.id),
      w.exporter.execute(ALICE, s.id, 'json'),
    ]) {
      expect(await rejection(attempt)).toBeInstanceOf(NotFound);
    }
    expect(w.stopper.stopped).toHaveLength(1);
  });

  it('restores within the retention period, back in its place in the list', async () => {
    const w = world(30);
    const older = await w.create.execute(ALICE);
    w.clock.advance(1000);
    const s = await w.create.execute(ALICE);
    w.clock.advance(1000);
    await w.remove.execute(ALICE, s.id);
    w.clock.advance(29 * DAY);
    const restored = await w.restore.execute(ALICE, s.id);
    expect(restored).toEqual({ ...s, deletedAt: null, updatedAt: w.clock.now() });
    expect(w.events.published.at(-1)).toEqual({
      userId: ALICE,
      event: { type: 'session.restored', session: restored },
    });
    expect((await w.list.execute(ALICE, { limit: 10 })).items.map((x) => x.id)).toEqual([s.id, older.id]);
  });

  it('answers 404 once the retention period is over, even before the purge ran', async () => {
    const w = world(30);
    const s = await w.create.execute(ALICE);
    await w.remove.execute(ALICE, s.id);
    w.clock.advance(30 * DAY);
    expect(await rejection(w.restore.execute(ALICE, s.id))).toBeInstanceOf(NotFound);
    expect(w.sessions.sessions.get(s.id)?.deletedAt).not.toBeNull();
  });

  it('returns a live session unchanged', async () => {
    const w = world();
    const s = await w.create.execute(ALICE);
    expect(await w.restore.execute(ALICE, s.id)).toEqual(s);
    // Nothing changed, so nobody is told.
    expect(w.events.typesFor(ALICE)).toEqual(['session.created']);
  });
});

describe('ownership: someone else’s session is not found, whatever the use case', () => {
  it.each(['get', 'messages', 'rename', 'delete', 'restore', 'restore-deleted', 'export'] as const)(
    '%s',
    async (what) => {
      const w = world();
      const s = await w.create.execute(ALICE, { title: 'Alice only' });
      await w.say(s, 'user', 'secret');
      if (what === 'restore-deleted') await w.remove.execute(ALICE, s.id);
      const before = structuredClone(w.sessions.sessions.get(s.id));
      const attempt = {
        get: () => w.get.execute(BOB, s.id),
        messages: () => w.listMessages.execute(BOB, s.id, { limit: 10 }),
        rename: () => w.rename.execute(BOB, s.id, { title: 'mine now' }),
        delete: () => w.remove.execute(BOB, s.id),
        restore: () => w.restore.execute(BOB, s.id),
        'restore-deleted': () => w.restore.execute(BOB, s.id),
        export: () => w.exporter.execute(BOB, s.id, 'markdown'),
      }[what];
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(NotFound);
      expect((error as NotFound).message).toBe(
        ((await rejection(w.get.execute(ALICE, MISSING))) as NotFound).message,
      );
      expect(w.sessions.sessions.get(s.id)).toEqual(before);
      expect(w.events.typesFor(BOB)).toEqual([]);
      expect(w.stopper.stopped).toEqual([]);
    },
  );
});

describe('ExportSession', () => {
  async function conversation() {
    const w = world();
    const s = await w.create.execute(ALICE, { title: 'Trip to Lisbon: März & more!' });
    w.clock.set('2026-11-22T10:01:02.345Z');
    await w.say(s, 'user', 'Plan three days.');
    w.clock.advance(1000);
    await w.say(s, 'assistant', 'Day 1: Alfama.\n\nDay 2: Belém.\n');
    w.clock.advance(1000);
    await w.say(s, 'user', 'And day 3?');
    w.clock.advance(1000);
    await w.say(s, 'assistant', 'Day 3: Sin', { status: 'cancelled' });
    w.clock.advance(1000);
    await w.say(s, 'assistant', '', { status: 'error' });
    w.clock.set('2026-11-23T08:00:00.000Z');
    return { w, s };
  }

  it('markdown: a title heading, each message under who and when, notes for replies that did not complete', async () => {
    const { w, s } = await conversation();
    const file = await w.exporter.execute(ALICE, s.id, 'markdown');
    expect(file.format).toBe('markdown');
    expect(file.fileName).toBe('trip-to-lisbon-marz-more.md');
    expect(file.body).toBe(
      [
        '# Trip to Lisbon: März & more!',
        '### You · 2026-11-22T10:01:02Z',
        'Plan three days.',
        '### Assistant · 2026-11-22T10:01:03Z',
        'Day 1: Alfama.\n\nDay 2: Belém.',
        '### You · 2026-11-22T10:01:04Z',
        'And day 3?',
        '### Assistant · 2026-11-22T10:01:05Z',
        'Day 3: Sin',
        '_(This reply was stopped before it finished.)_',
        '### Assistant · 2026-11-22T10:01:06Z',
        '_(No reply: the model failed to answer.)_',
      ].join('\n\n') + '\n',
    );
  });

  it('json: parley.chat.v1 with the session and every message, oldest first', async () => {
    const { w, s } = await conversation();
    const file = await w.exporter.execute(ALICE, s.id, 'json');
    expect(file.fileName).toBe('trip-to-lisbon-marz-more.json');
    if (file.format !== 'json') throw new Error('json expected');
    expect(file.body).toMatchObject({
      format: 'parley.chat.v1',
      exportedAt: '2026-11-23T08:00:00.000Z',
      session: {
        id: s.id,
        title: 'Trip to Lisbon: März & more!',
        titleSource: 'user',
        createdAt: T0.toISOString(),
        messageCount: 5,
      },
    });
    expect(file.body.messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'complete', 'Plan three days.'],
      ['assistant', 'complete', 'Day 1: Alfama.\n\nDay 2: Belém.\n'],
      ['user', 'complete', 'And day 3?'],
      ['assistant', 'cancelled', 'Day 3: Sin'],
      ['assistant', 'error', ''],
    ]);
    expect(file.body.messages[1]).toEqual({
      id: expect.any(String),
      role: 'assistant',
      content: 'Day 1: Alfama.\n\nDay 2: Belém.\n',
      status: 'complete',
      tokenCount: 3,
      tokenCountEstimated: false,
      model: 'test-model',
      finishReason: 'stop',
      errorCode: null,
      createdAt: '2026-11-22T10:01:03.345Z',
      updatedAt: '2026-11-22T10:01:03.345Z',
    });
    // Nothing that only makes sense in this database.
    expect(JSON.stringify(file.body)).not.toContain(ALICE);
  });

  it('names the file "chat" when the title has nothing ASCII to offer', async () => {
    const w = world();
    const s = await w.create.execute(ALICE, { title: '日本語のチャット' });
    expect((await w.exporter.execute(ALICE, s.id, 'markdown')).fileName).toBe('chat.md');
  });
});

describe('PurgeDeletedSessions', () => {
  it('removes, in batches, only sessions deleted more than the retention period ago, with their messages', async () => {
    const w = world(30);
    const doomed: ChatSession[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await w.create.execute(ALICE);
      await w.say(s, 'user', `bye ${i}`);
      await w.remove.execute(ALICE, s.id);
      doomed.push(s);
    }
    w.clock.advance(20 * DAY);
    const recent = await w.create.execute(ALICE);
    await w.remove.execute(ALICE, recent.id);
    const live = await w.create.execute(BOB);
    w.clock.advance(10 * DAY + 1);

    expect(await w.purge.execute()).toBe(5); // batch size 2: three batches
    expect([...w.sessions.sessions.keys()].sort()).toEqual([recent.id, live.id].sort());
    expect([...w.messages.messages.values()].filter((m) => doomed.some((s) => s.id === m.sessionId))).toEqual(
      [],
    );
    expect(await w.purge.execute()).toBe(0);
    // The recent one stays restorable until its own retention ends.
    expect((await w.restore.execute(ALICE, recent.id)).deletedAt).toBeNull();
  });
});
