import { sql, type Kysely } from 'kysely';
import { v7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { ListMessages } from '../../src/application/chat/list-messages.use-case.js';
import { ListSessions } from '../../src/application/chat/list-sessions.use-case.js';
import { PurgeDeletedSessions } from '../../src/application/chat/purge-deleted-sessions.use-case.js';
import type { ChatSession } from '../../src/domain/chat/chat-session.entity.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { KyselyChatMessageRepository } from '../../src/infrastructure/persistence/kysely-chat-message.repository.js';
import { KyselyChatSessionRepository } from '../../src/infrastructure/persistence/kysely-chat-session.repository.js';
import { insertUser, migratedDatabase, onBothEngines, type OpenDatabase } from '../support/both-engines.js';
import { TestClock } from '../support/test-clock.js';

const T0 = new Date('2026-11-22T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

function repositorySuite(engine: string, open: OpenDatabase) {
  describe(`KyselyChatSessionRepository on ${engine}`, () => {
    const database = migratedDatabase(open);
    let db: Kysely<Database>;
    let repo: KyselyChatSessionRepository;
    let messages: KyselyChatMessageRepository;

    beforeAll(() => {
      db = database.db;
      repo = new KyselyChatSessionRepository(db);
      messages = new KyselyChatMessageRepository(db);
    });
    const user = () => insertUser(db);

    function session(userId: string, fields: Partial<ChatSession> = {}): ChatSession {
      const when = fields.lastActivityAt ?? T0;
      return {
        id: v7(),
        userId,
        title: 'New chat',
        titleSource: 'default',
        createdAt: when,
        updatedAt: when,
        lastActivityAt: when,
        messageCount: 0,
        deletedAt: null,
        ...fields,
      };
    }

    async function stored(userId: string, fields: Partial<ChatSession> = {}): Promise<ChatSession> {
      const s = session(userId, fields);
      await repo.create(s);
      return s;
    }

    /** Written directly with Kysely: the send route is not what is under test here. */
    async function message(sessionId: string, content: string, createdAt: Date, id = v7()) {
      await db
        .insertInto('chat_messages')
        .values({
          id,
          session_id: sessionId,
          role: 'user',
          content,
          status: 'complete',
          token_count: 1,
          token_count_estimated: false,
          model: null,
          finish_reason: null,
          error_code: null,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .execute();
      return id;
    }

    const ids = (list: { id: string }[]) => list.map((s) => s.id);

    it('creates and finds a session, only for its owner, and names nothing with a malformed id', async () => {
      const alice = await user();
      const bob = await user();
      const s = await stored(alice, { title: 'Hello', titleSource: 'user', messageCount: 3 });
      expect(await repo.findOwned(alice, s.id)).toEqual(s);
      expect(await repo.findOwned(bob, s.id)).toBeUndefined();
      expect(await repo.findOwned(alice, v7())).toBeUndefined();
      expect(await repo.findOwned(alice, 'not-a-uuid')).toBeUndefined();
      expect(await repo.findOwned('not-a-uuid', s.id)).toBeUndefined();
    });

    it('renames without moving the session', async () => {
      const alice = await user();
      const s = await stored(alice);
      const renamed = await repo.rename(s.id, 'Lisbon', 'user', at(5000));
      expect(renamed).toEqual({ ...s, title: 'Lisbon', titleSource: 'user', updatedAt: at(5000) });
      expect(await repo.findOwned(alice, s.id)).toEqual(renamed);
      expect(await repo.rename('nope', 'x', 'user', at(1))).toBeUndefined();
    });

    it('soft delete hides the session from findOwned, list and search; restore brings it back unchanged in place', async () => {
      const alice = await user();
      const before = await stored(alice, { title: 'Hidden treasure', lastActivityAt: at(1000) });
      const other = await stored(alice, { title: 'Visible', lastActivityAt: at(2000) });
      await message(before.id, 'a needle in the haystack', at(1500));

      expect(await repo.softDelete(before.id, at(3000))).toBe(true);
      expect(await repo.softDelete(before.id, at(3001))).toBe(false);
      expect(await repo.findOwned(alice, before.id)).toBeUndefined();
      expect(await repo.findOwned(alice, before.id, { includeDeleted: true })).toMatchObject({
        deletedAt: at(3000),
      });
      expect(ids(await repo.list(alice, { limit: 10 }))).toEqual([other.id]);
      expect(await repo.list(alice, { limit: 10, search: 'treasure' })).toEqual([]);
      expect(await repo.list(alice, { limit: 10, search: 'needle' })).toEqual([]);
      expect(await repo.rename(before.id, 'x', 'user', at(3002))).toBeUndefined();

      expect(await repo.restore(other.id, at(4000))).toBeUndefined(); // not deleted: nothing to restore
      const restored = await repo.restore(before.id, at(4000));
      expect(restored).toEqual({ ...before, updatedAt: at(4000) });
      expect(ids(await repo.list(alice, { limit: 10 }))).toEqual([other.id, before.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'needle' }))).toEqual([before.id]);
    });

    it('keyset pages have no gaps or duplicates while new sessions arrive between page requests', async () => {
      const alice = await user();
      const bob = await user();
      const original: ChatSession[] = [];
      // 41 sessions over 14 instants: three share each instant, so ids break most ties.
      for (let i = 0; i < 41; i++)
        original.push(await stored(alice, { lastActivityAt: at(Math.floor(i / 3) * 1000) }));
      const expected = [...original]
        .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((s) => s.id);

      const listSessions = new ListSessions(repo);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listSessions.execute(alice, { limit: 6, cursor });
        seen.push(...ids(page.items));
        cursor = page.nextCursor ?? undefined;
        pages++;
        // Newer activity lands above the cursor: it must neither show up in the walk nor shift it.
        await stored(alice, { lastActivityAt: at(100_000 + pages) });
        await stored(bob, { lastActivityAt: at(50_000) });
      } while (cursor);

      expect(pages).toBe(7);
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(41);
    });

    it('pages messages in (created_at, id) order, stable when timestamps are equal', async () => {
      const alice = await user();
      const s = await stored(alice);
      const same = at(7000);
      // Ids deliberately not in insertion order: the page order must come from the id, not from chance.
      const written: { id: string; createdAt: Date }[] = [];
      for (let i = 0; i < 4; i++)
        written.push({ id: await message(s.id, `early ${i}`, at(6000 + i)), createdAt: at(6000 + i) });
      const shuffled = [3, 0, 6, 1, 5, 2, 4];
      for (let i = 0; i < 7; i++) {
        const id = v7().replace(/^.{8}/, (shuffled[i]! * 0x1234567).toString(16).padStart(8, '0'));
        written.push({ id: await message(s.id, `tie ${i}`, same, id), createdAt: same });
      }
      written.push({ id: await message(s.id, 'late', at(8000)), createdAt: at(8000) });
      const expected = [...written]
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .map((m) => m.id);

      const listMessages = new ListMessages(repo, messages);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await listMessages.execute(alice, s.id, { limit: 3, cursor });
        const times = page.items.map((m) => m.createdAt.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b)); // oldest first within a page
        pages.push(ids(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.reverse().flat()).toEqual(expected);
      // Twice the same answer: the order does not depend on the plan or the heap.
      const again = await listMessages.execute(alice, s.id, { limit: 12 });
      expect(ids(again.items)).toEqual(expected);
    });

    it('search finds a word from a message body and a title prefix, the caller’s sessions only', async () => {
      const alice = await user();
      const bob = await user();
      const titled = await stored(alice, { title: 'Lisbon itinerary', lastActivityAt: at(1000) });
      const talked = await stored(alice, { title: 'New chat', lastActivityAt: at(2000) });
      await message(talked.id, 'The tram to Belém leaves from Praça da Figueira', at(2000));
      await message(talked.id, 'Use node.js and e-mail me at user@example.com', at(2001));
      await stored(alice, { title: 'Groceries', lastActivityAt: at(3000) });
      const bobs = await stored(bob, { title: 'Lisbon for Bob' });
      await message(bobs.id, 'tram tram tram', at(1));

      expect(ids(await repo.list(alice, { limit: 10, search: 'lisb' }))).toEqual([titled.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'tram' }))).toEqual([talked.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'BELÉM tram' }))).toEqual([talked.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'node.js' }))).toEqual([talked.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'user@example.com' }))).toEqual([talked.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'e-mail' }))).toEqual([talked.id]);
      expect(await repo.list(alice, { limit: 10, search: 'tram lisbon' })).toEqual([]); // every term must match one session
      expect(await repo.list(alice, { limit: 10, search: 'zebra' })).toEqual([]);
      // Search keeps the list order and pages with the same cursor.
      const both = await repo.list(alice, { limit: 10, search: 'l' });
      expect(ids(both)).toEqual([talked.id, titled.id]);
      expect(
        ids(
          await repo.list(alice, {
            limit: 10,
            search: 'l',
            after: { lastActivityAt: talked.lastActivityAt, id: talked.id },
          }),
        ),
      ).toEqual([titled.id]);
    });

    it('search input full of tsquery syntax never errors', async () => {
      const alice = await user();
      const s = await stored(alice, { title: "It's (really) a:b & c|d !e" });
      const nasty = [
        "'",
        "''",
        '"',
        "it's",
        'a:b',
        ':*',
        'a:*',
        'a & b',
        'a | b',
        '!a',
        '!!!',
        '(a',
        'a)',
        '()',
        '\\',
        'a\\',
        "\\'",
        "x' | 'y",
        "') or 1=1 --",
        '<->',
        'a <-> b',
        '& | ! ( ) : * \' " \\',
        '\u0000',
        'a\u0000b',
        '😀',
        'x'.repeat(3000),
      ];
      for (const q of nasty) {
        const rows = await repo.list(alice, { limit: 10, search: q });
        expect(Array.isArray(rows), q).toBe(true);
      }
      expect(ids(await repo.list(alice, { limit: 10, search: "it's" }))).toEqual([s.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: '(really)' }))).toEqual([s.id]);
      expect(ids(await repo.list(alice, { limit: 10, search: 'a:b c|d' }))).toEqual([s.id]);
      expect(await repo.list(alice, { limit: 10, search: '& | ! ( )' })).toEqual([]);
    });

    it('purge removes only sessions deleted before the cutoff, with their messages, in batches', async () => {
      const alice = await user();
      const clock = new TestClock(at(40 * DAY));
      const old: ChatSession[] = [];
      for (let i = 0; i < 5; i++) {
        const s = await stored(alice);
        await message(s.id, 'old', at(1));
        await repo.softDelete(s.id, at(i * 1000)); // 40 days ago
        old.push(s);
      }
      const edge = await stored(alice);
      await repo.softDelete(edge.id, at(10 * DAY)); // exactly 30 days before `now`: not before the cutoff
      const recent = await stored(alice);
      await repo.softDelete(recent.id, at(39 * DAY));
      const live = await stored(alice);

      expect(await repo.purgeDeletedBefore(at(10 * DAY), 2)).toBe(2); // one batch
      expect(await new PurgeDeletedSessions(repo, clock, 30, 2).execute()).toBe(3); // the rest, two more batches

      const left = await db.selectFrom('chat_sessions').select('id').where('user_id', '=', alice).execute();
      expect(left.map((r) => r.id).sort()).toEqual([edge.id, recent.id, live.id].sort());
      const orphans = await db
        .selectFrom('chat_messages')
        .select(sql<number>`count(*)`.as('n'))
        .where(
          'session_id',
          'in',
          old.map((s) => s.id),
        )
        .executeTakeFirstOrThrow();
      expect(Number(orphans.n)).toBe(0);
    });
  });
}

onBothEngines('chat_sessions', repositorySuite);
