import type { Kysely } from 'kysely';
import { v7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IdempotencyConflict,
  ReplyInProgress,
  TooManyRunningReplies,
} from '../../src/domain/chat/chat-errors.js';
import type { ChatSession } from '../../src/domain/chat/chat-session.entity.js';
import type { IdempotencyRecord, NewExchange, ReplyEnd } from '../../src/domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../src/domain/chat/message.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { KyselyChatExchangeRepository } from '../../src/infrastructure/persistence/kysely-chat-exchange.repository.js';
import { KyselyChatMessageRepository } from '../../src/infrastructure/persistence/kysely-chat-message.repository.js';
import { KyselyChatSessionRepository } from '../../src/infrastructure/persistence/kysely-chat-session.repository.js';
import { insertUser, migratedDatabase, onBothEngines, type OpenDatabase } from '../support/both-engines.js';

const T0 = new Date('2026-11-22T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

function exchangeSuite(engine: string, open: OpenDatabase) {
  describe(`KyselyChatExchangeRepository on ${engine}`, () => {
    const database = migratedDatabase(open);
    let db: Kysely<Database>;
    let exchanges: KyselyChatExchangeRepository;
    let sessions: KyselyChatSessionRepository;
    let messages: KyselyChatMessageRepository;

    beforeAll(() => {
      db = database.db;
      exchanges = new KyselyChatExchangeRepository(db);
      sessions = new KyselyChatSessionRepository(db);
      messages = new KyselyChatMessageRepository(db);
    });
    const user = () => insertUser(db);

    async function session(userId: string, fields: Partial<ChatSession> = {}): Promise<ChatSession> {
      const s: ChatSession = {
        id: v7(),
        userId,
        title: 'New chat',
        titleSource: 'default',
        createdAt: T0,
        updatedAt: T0,
        lastActivityAt: T0,
        messageCount: 0,
        deletedAt: null,
        ...fields,
      };
      await sessions.create(s);
      return s;
    }

    function exchange(
      s: ChatSession,
      content: string,
      now: Date,
      key?: { key: string; expiresAt?: Date },
      replySlots = 3,
    ): NewExchange {
      const question: ChatMessage = {
        id: v7(),
        sessionId: s.id,
        role: 'user',
        content,
        status: 'complete',
        tokenCount: 3,
        tokenCountEstimated: true,
        model: null,
        finishReason: null,
        errorCode: null,
        lastEventId: null,
        createdAt: now,
        updatedAt: now,
      };
      const reply: ChatMessage = {
        ...question,
        id: v7(),
        role: 'assistant',
        content: '',
        status: 'streaming',
        tokenCount: 0,
        tokenCountEstimated: false,
        model: 'demo',
        lastEventId: 0,
      };
      const idempotency: IdempotencyRecord | undefined = key && {
        userId: s.userId,
        key: key.key,
        requestHash: `hash-${content}`,
        sessionId: s.id,
        userMessageId: question.id,
        assistantMessageId: reply.id,
        createdAt: now,
        expiresAt: key.expiresAt ?? new Date(now.getTime() + 24 * HOUR),
      };
      return {
        userId: s.userId,
        userMessage: question,
        assistantMessage: reply,
        replySlots,
        autoTitle: `Title: ${content}`,
        ...(idempotency && { idempotency }),
      };
    }

    const complete: ReplyEnd = {
      status: 'complete',
      content: 'The answer.',
      tokenCount: 3,
      tokenCountEstimated: false,
      finishReason: 'stop',
      errorCode: null,
      lastEventId: 4,
    };
    const count = async (table: 'chat_messages' | 'idempotency_keys', sessionId: string) =>
      (await db.selectFrom(table).select('session_id').where('session_id', '=', sessionId).execute()).length;

    it('loads the owner’s session with its lock state and newest history, oldest first; nothing for anyone else', async () => {
      const alice = await user();
      const s = await session(alice);
      expect(await exchanges.loadForSend(alice, s.id, { historyLimit: 4, now: at(0) })).toEqual({
        session: s,
        replyInProgress: false,
        runningReplies: 0,
        history: [],
        idempotency: undefined,
      });

      for (let i = 0; i < 3; i++) {
        const e = exchange(s, `q${i}`, at(1000 * (i + 1)));
        expect(await exchanges.open(e, at(1000 * (i + 1)))).toMatchObject({ id: s.id });
        if (i < 2)
          expect(
            await exchanges.close(
              e.assistantMessage,
              { ...complete, content: `a${i}` },
              at(1000 * (i + 1) + 500),
            ),
          ).toBe(true);
      }
      const state = await exchanges.loadForSend(alice, s.id, {
        historyLimit: 4,
        now: at(5000),
      });
      expect(state?.replyInProgress).toBe(true);
      expect(state?.history.map((m) => m.content)).toEqual(['q1', 'a1', 'q2', '']);
      expect(state?.history.map((m) => m.status)).toEqual(['complete', 'complete', 'complete', 'streaming']);
      expect(state?.session).toMatchObject({
        messageCount: 6,
        title: 'Title: q0',
        titleSource: 'auto',
        lastActivityAt: at(3000),
      });

      expect(
        await exchanges.loadForSend(await user(), s.id, { historyLimit: 4, now: at(5000) }),
      ).toBeUndefined();
      expect(await exchanges.loadForSend(alice, v7(), { historyLimit: 4, now: at(5000) })).toBeUndefined();
      expect(
        await exchanges.loadForSend(alice, 'not-a-uuid', { historyLimit: 4, now: at(5000) }),
      ).toBeUndefined();
      await sessions.softDelete(s.id, at(6000));
      expect(await exchanges.loadForSend(alice, s.id, { historyLimit: 4, now: at(7000) })).toBeUndefined();
    });

    it('opens an exchange all or nothing: a second one while a reply streams throws ReplyInProgress and writes nothing', async () => {
      const alice = await user();
      const s = await session(alice);
      const first = exchange(s, 'first', at(1000));
      expect(await exchanges.open(first, at(1000))).toMatchObject({
        id: s.id,
        messageCount: 2,
        title: 'Title: first',
        lastActivityAt: at(1000),
      });
      expect(await messages.findById(s.id, first.userMessage.id)).toEqual(first.userMessage);
      expect(await messages.findById(s.id, first.assistantMessage.id)).toEqual(first.assistantMessage);

      await expect(
        exchanges.open(exchange(s, 'second', at(2000), { key: 'k-second' }), at(2000)),
      ).rejects.toBeInstanceOf(ReplyInProgress);
      expect(await count('chat_messages', s.id)).toBe(2);
      expect(await count('idempotency_keys', s.id)).toBe(0);
      expect(await sessions.findOwned(alice, s.id)).toMatchObject({
        messageCount: 2,
        lastActivityAt: at(1000),
      });
    });

    it('titles only a new untitled session, and never one the user named', async () => {
      const alice = await user();
      const named = await session(alice, { title: 'Mine', titleSource: 'user' });
      const e = exchange(named, 'hello', at(1000));
      await exchanges.open(e, at(1000));
      expect(await sessions.findOwned(alice, named.id)).toMatchObject({
        title: 'Mine',
        titleSource: 'user',
        messageCount: 2,
      });

      const fresh = await session(alice);
      const one = exchange(fresh, 'one', at(1000));
      await exchanges.open(one, at(1000));
      await exchanges.close(one.assistantMessage, complete, at(1500));
      await exchanges.open(exchange(fresh, 'two', at(2000)), at(2000));
      expect(await sessions.findOwned(alice, fresh.id)).toMatchObject({
        title: 'Title: one',
        titleSource: 'auto',
        messageCount: 4,
      });
    });

    it('does not open into a deleted session', async () => {
      const alice = await user();
      const s = await session(alice);
      await sessions.softDelete(s.id, at(500));
      expect(
        await exchanges.open(exchange(s, 'late', at(1000), { key: 'k-late' }), at(1000)),
      ).toBeUndefined();
      expect(await count('chat_messages', s.id)).toBe(0);
      expect(await count('idempotency_keys', s.id)).toBe(0);
    });

    it('records the Idempotency-Key with its exchange; a live key again is IdempotencyConflict with nothing written; an expired one is replaced', async () => {
      const alice = await user();
      const s = await session(alice);
      const first = exchange(s, 'first', at(1000), { key: 'k1', expiresAt: at(1000 + HOUR) });
      await exchanges.open(first, at(1000));
      await exchanges.close(first.assistantMessage, complete, at(1500));
      const loaded = await exchanges.loadForSend(alice, s.id, {
        historyLimit: 10,
        idempotencyKey: 'k1',
        now: at(2000),
      });
      expect(loaded?.idempotency).toEqual(first.idempotency);
      expect(
        (
          await exchanges.loadForSend(alice, s.id, {
            historyLimit: 10,
            idempotencyKey: 'other',
            now: at(2000),
          })
        )?.idempotency,
      ).toBeUndefined();

      // The same key while it is live (two requests that both read "no record"): the later one loses, whole.
      await expect(
        exchanges.open(exchange(s, 'again', at(3000), { key: 'k1' }), at(3000)),
      ).rejects.toBeInstanceOf(IdempotencyConflict);
      expect(await count('chat_messages', s.id)).toBe(2);

      // Past its expiry the key is free again: no record is found, and a new exchange replaces it.
      const later = at(1000 + HOUR);
      expect(
        (
          await exchanges.loadForSend(alice, s.id, {
            historyLimit: 10,
            idempotencyKey: 'k1',
            now: later,
          })
        )?.idempotency,
      ).toBeUndefined();
      const second = exchange(s, 'second', later, { key: 'k1' });
      expect(await exchanges.open(second, later)).toBeDefined();
      expect(
        (
          await exchanges.loadForSend(alice, s.id, {
            historyLimit: 10,
            idempotencyKey: 'k1',
            now: later,
          })
        )?.idempotency,
      ).toEqual(second.idempotency);
      expect(await count('idempotency_keys', s.id)).toBe(1);
    });

    it('closes a streaming reply once, with its outcome, and moves the session', async () => {
      const alice = await user();
      const s = await session(alice);
      const e = exchange(s, 'q', at(1000));
      await exchanges.open(e, at(1000));
      const cut: ReplyEnd = {
        status: 'interrupted',
        content: 'Half an ans',
        tokenCount: 4,
        tokenCountEstimated: true,
        finishReason: null,
        errorCode: 'llm_error',
        lastEventId: 9,
      };
      expect(await exchanges.close(e.assistantMessage, cut, at(4000))).toBe(true);
      expect(await messages.findById(s.id, e.assistantMessage.id)).toEqual({
        ...e.assistantMessage,
        ...cut,
        updatedAt: at(4000),
      });
      expect(await sessions.findOwned(alice, s.id)).toMatchObject({
        lastActivityAt: at(4000),
        messageCount: 2,
      });
      // Already ended (the sweeper got there first, or a second close): nothing changes.
      expect(await exchanges.close(e.assistantMessage, complete, at(5000))).toBe(false);
      expect(await messages.findById(s.id, e.assistantMessage.id)).toMatchObject({
        status: 'interrupted',
        content: 'Half an ans',
      });
      // The lock is free again.
      expect(
        (await exchanges.loadForSend(alice, s.id, { historyLimit: 1, now: at(6000) }))?.replyInProgress,
      ).toBe(false);
    });

    it('lets exactly one of two simultaneous sends to a session take the lock', async () => {
      const alice = await user();
      const s = await session(alice);
      const results = await Promise.allSettled([
        exchanges.open(exchange(s, 'a', at(1000)), at(1000)),
        exchanges.open(exchange(s, 'b', at(1000)), at(1000)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled' && r.value !== undefined)).toHaveLength(1);
      const lost = results.filter((r) => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ReplyInProgress);
      expect(await count('chat_messages', s.id)).toBe(2);
    });

    it("counts the user's running replies in all their sessions; with every slot taken a send is TooManyRunningReplies with nothing written; an ended reply frees its slot", async () => {
      const alice = await user();
      const bob = await user();
      const [s1, s2, s3] = [await session(alice), await session(alice), await session(alice)];
      const load = (sessionId: string, userId = alice) =>
        exchanges.loadForSend(userId, sessionId, { historyLimit: 1, now: at(5000) });
      const slotOf = async (id: string) =>
        (
          await db
            .selectFrom('chat_messages')
            .select('reply_slot')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).reply_slot;
      const first = exchange(s1, 'one', at(1000), undefined, 2);
      const second = exchange(s2, 'two', at(2000), undefined, 2);
      await exchanges.open(first, at(1000));
      expect(await load(s2.id)).toMatchObject({ runningReplies: 1, replyInProgress: false });
      await exchanges.open(second, at(2000));
      expect(await load(s3.id)).toMatchObject({ runningReplies: 2 });
      expect(
        new Set([await slotOf(first.assistantMessage.id), await slotOf(second.assistantMessage.id)]),
      ).toEqual(new Set([1, 2]));
      // Someone else's replies take none of Alice's slots.
      expect(await load((await session(bob)).id, bob)).toMatchObject({ runningReplies: 0 });

      await expect(
        exchanges.open(exchange(s3, 'three', at(3000), { key: 'k-three' }, 2), at(3000)),
      ).rejects.toBeInstanceOf(TooManyRunningReplies);
      expect(await count('chat_messages', s3.id)).toBe(0);
      expect(await count('idempotency_keys', s3.id)).toBe(0);
      expect(await sessions.findOwned(alice, s3.id)).toMatchObject({ messageCount: 0 });

      await exchanges.close(first.assistantMessage, complete, at(4000));
      expect(await load(s3.id)).toMatchObject({ runningReplies: 1 });
      const third = exchange(s3, 'three', at(4500), undefined, 2);
      expect(await exchanges.open(third, at(4500))).toBeDefined();
      expect(await slotOf(third.assistantMessage.id)).toBe(await slotOf(first.assistantMessage.id));
    });

    it('lets exactly as many simultaneous sends of one user as there are slots run, each in its own slot', async () => {
      const alice = await user();
      const open = async (slots: number) => {
        const all = await Promise.all(Array.from({ length: 8 }, () => session(alice)));
        return Promise.allSettled(
          all.map((s) => exchanges.open(exchange(s, 'race', at(1000), undefined, slots), at(1000))),
        );
      };
      const few = await open(3);
      expect(few.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      const refused = few.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(5);
      for (const r of refused)
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TooManyRunningReplies);
      // With room for all of them, all of them run (clashing picks try again).
      const bob = await user();
      const all = await Promise.all(Array.from({ length: 8 }, () => session(bob)));
      const results = await Promise.allSettled(
        all.map((s) => exchanges.open(exchange(s, 'race', at(1000), undefined, 8), at(1000))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(8);
      const slots = await db
        .selectFrom('chat_messages')
        .select('reply_slot')
        .where('user_id', '=', bob)
        .where('status', '=', 'streaming')
        .execute();
      expect(new Set(slots.map((r) => r.reply_slot))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    });

    it('saves progress with the id of the last event the text includes, only while the reply streams', async () => {
      const alice = await user();
      const s = await session(alice);
      const e = exchange(s, 'q', at(1000));
      await exchanges.open(e, at(1000));
      await exchanges.saveProgress(e.assistantMessage.id, 'Hello wo', 7, at(2000));
      expect(await messages.findById(s.id, e.assistantMessage.id)).toMatchObject({
        status: 'streaming',
        content: 'Hello wo',
        lastEventId: 7,
        updatedAt: at(2000),
      });
      await exchanges.close(e.assistantMessage, complete, at(3000));
      await exchanges.saveProgress(e.assistantMessage.id, 'late', 8, at(4000));
      expect(await messages.findById(s.id, e.assistantMessage.id)).toMatchObject({
        status: 'complete',
        content: complete.content,
        lastEventId: complete.lastEventId,
      });
    });

    it('abandons a streaming reply once, keeping the text it saved last, and moves the session', async () => {
      const alice = await user();
      const s = await session(alice);
      const e = exchange(s, 'q', at(1000));
      await exchanges.open(e, at(1000));
      expect(await exchanges.runningIn(s.id)).toEqual(e.assistantMessage);
      await exchanges.saveProgress(e.assistantMessage.id, 'Saved so', 3, at(1500));
      const ended = await exchanges.abandon(
        e.assistantMessage,
        { status: 'cancelled', errorCode: 'stopped' },
        at(2000),
      );
      expect(ended).toEqual({
        ...e.assistantMessage,
        status: 'cancelled',
        errorCode: 'stopped',
        content: 'Saved so',
        lastEventId: 3,
        updatedAt: at(2000),
      });
      expect(await sessions.findOwned(alice, s.id)).toMatchObject({ lastActivityAt: at(2000) });
      expect(await exchanges.runningIn(s.id)).toBeUndefined();
      expect(
        await exchanges.abandon(e.assistantMessage, { status: 'cancelled', errorCode: 'stopped' }, at(3000)),
      ).toBeUndefined();
      expect(await exchanges.close(e.assistantMessage, complete, at(3000))).toBe(false);
      expect(await exchanges.runningIn('not-a-uuid')).toBeUndefined();
    });

    it('sweeps the replies not saved since the cutoff, with their owners, and leaves the others', async () => {
      const alice = await user();
      const bob = await user();
      const stale = exchange(await session(alice), 'stale', at(1000));
      const fresh = exchange(await session(bob), 'fresh', at(1000));
      await exchanges.open(stale, at(1000));
      await exchanges.open(fresh, at(1000));
      await exchanges.saveProgress(stale.assistantMessage.id, 'Left beh', 2, at(2000));
      await exchanges.saveProgress(fresh.assistantMessage.id, 'Still going', 5, at(9000));
      // Replies left streaming by the tests before this one (same database) are swept too.
      const ours = new Set([stale.assistantMessage.id, fresh.assistantMessage.id]);
      const swept = (await exchanges.interruptStale(at(5000), at(10_000))).filter((r) =>
        ours.has(r.message.id),
      );
      expect(swept).toEqual([
        {
          userId: alice,
          message: {
            ...stale.assistantMessage,
            status: 'interrupted',
            errorCode: 'instance_lost',
            content: 'Left beh',
            lastEventId: 2,
            updatedAt: at(10_000),
          },
        },
      ]);
      expect(await messages.findById(fresh.userMessage.sessionId, fresh.assistantMessage.id)).toMatchObject({
        status: 'streaming',
      });
      expect(await exchanges.interruptStale(at(5000), at(11_000))).toEqual([]);
    });
  });
}

onBothEngines('chat_exchange', exchangeSuite);
