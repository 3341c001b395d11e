import type { Kysely } from 'kysely';
import { v7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyConflict, ReplyInProgress } from '../../src/domain/chat/chat-errors.js';
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
        userMessage: question,
        assistantMessage: reply,
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
    };
    const count = async (table: 'chat_messages' | 'idempotency_keys', sessionId: string) =>
      (await db.selectFrom(table).select('session_id').where('session_id', '=', sessionId).execute()).length;

    it('loads the owner’s session with its lock state and newest history, oldest first; nothing for anyone else', async () => {
      const alice = await user();
      const s = await session(alice);
      expect(await exchanges.loadForSend(alice, s.id, { historyLimit: 4, now: at(0) })).toEqual({
        session: s,
        replyInProgress: false,
        history: [],
        idempotency: undefined,
      });

      for (let i = 0; i < 3; i++) {
        const e = exchange(s, `q${i}`, at(1000 * (i + 1)));
        expect(await exchanges.open(e, at(1000 * (i + 1)))).toBe(true);
        if (i < 2)
          expect(
            await exchanges.close(
              e.assistantMessage,
              { ...complete, content: `a${i}` },
              at(1000 * (i + 1) + 500),
            ),
          ).toBe(true);
      }
      const state = await exchanges.loadForSend(alice, s.id, { historyLimit: 4, now: at(5000) });
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
      expect(await exchanges.open(first, at(1000))).toBe(true);
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
      expect(await exchanges.open(exchange(s, 'late', at(1000), { key: 'k-late' }), at(1000))).toBe(false);
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
        (await exchanges.loadForSend(alice, s.id, { historyLimit: 10, idempotencyKey: 'k1', now: later }))
          ?.idempotency,
      ).toBeUndefined();
      const second = exchange(s, 'second', later, { key: 'k1' });
      expect(await exchanges.open(second, later)).toBe(true);
      expect(
        (await exchanges.loadForSend(alice, s.id, { historyLimit: 10, idempotencyKey: 'k1', now: later }))
          ?.idempotency,
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
      expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
      const lost = results.filter((r) => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ReplyInProgress);
      expect(await count('chat_messages', s.id)).toBe(2);
    });
  });
}

onBothEngines('chat_exchange', exchangeSuite);
