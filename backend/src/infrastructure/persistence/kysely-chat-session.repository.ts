import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChatSession, TitleSource } from '../../domain/chat/chat-session.entity.js';
import type { ChatSessionRepository, SessionCursor } from '../../domain/chat/chat.repositories.js';
import type { ChatSessionsTable, Database } from './database.js';
import { prefixTsQuery } from './text-search.js';
import { isUuid } from './uuid.js';

// Never the generated title_tsv: it is for searching, not for reading back.
const COLUMNS = [
  'chat_sessions.id',
  'chat_sessions.user_id',
  'chat_sessions.title',
  'chat_sessions.title_source',
  'chat_sessions.created_at',
  'chat_sessions.updated_at',
  'chat_sessions.last_activity_at',
  'chat_sessions.message_count',
  'chat_sessions.deleted_at',
] as const;

export const toChatSession = (row: Omit<Selectable<ChatSessionsTable>, 'title_tsv'>): ChatSession => ({
  id: row.id,
  userId: row.user_id,
  title: row.title,
  titleSource: row.title_source,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  lastActivityAt: new Date(row.last_activity_at),
  messageCount: Number(row.message_count),
  deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
});

/**
 * Sessions. The list is a keyset walk of the partial index chat_sessions_list_idx
 * (user_id, last_activity_at desc, id desc) where deleted_at is null: the position is a row
 * comparison, which PostgreSQL turns into an index bound, so page 1000 costs what page 1 does.
 * Timestamps are written by the application with millisecond precision, the precision a cursor
 * carries; rows written with finer timestamps would compare unequal to their own cursor.
 */
export class KyselyChatSessionRepository implements ChatSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(session: ChatSession): Promise<void> {
    await this.db
      .insertInto('chat_sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        title: session.title,
        title_source: session.titleSource,
        created_at: session.createdAt,
        updated_at: session.updatedAt,
        last_activity_at: session.lastActivityAt,
        message_count: session.messageCount,
        deleted_at: session.deletedAt,
      })
      .execute();
  }

  async findOwned(
    userId: string,
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<ChatSession | undefined> {
    if (!isUuid(userId) || !isUuid(id)) return undefined;
    let q = this.db
      .selectFrom('chat_sessions')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('user_id', '=', userId);
    if (!options.includeDeleted) q = q.where('deleted_at', 'is', null);
    const row = await q.executeTakeFirst();
    return row && toChatSession(row);
  }

  async list(
    userId: string,
    page: { limit: number; after?: SessionCursor; search?: string },
  ): Promise<ChatSession[]> {
    if (!isUuid(userId)) return [];
    let q = this.db
      .selectFrom('chat_sessions')
      .select(COLUMNS)
      .where('chat_sessions.user_id', '=', userId)
      .where('chat_sessions.deleted_at', 'is', null);
    if (page.search !== undefined) {
      const text = prefixTsQuery(page.search);
      if (text === undefined) return [];
      const query = sql`to_tsquery('simple', ${text})`;
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`chat_sessions.title_tsv @@ ${query}`,
          eb.exists(
            eb
              .selectFrom('chat_messages')
              .select(sql`1`.as('one'))
              .whereRef('chat_messages.session_id', '=', 'chat_sessions.id')
              .where(sql<boolean>`chat_messages.content_tsv @@ ${query}`),
          ),
        ]),
      );
    }
    if (page.after) {
      const { lastActivityAt, id } = page.after;
      if (!isUuid(id)) return [];
      q = q.where((eb) =>
        eb(
          eb.refTuple('chat_sessions.last_activity_at', 'chat_sessions.id'),
          '<',
          eb.tuple(lastActivityAt, id),
        ),
      );
    }
    const rows = await q
      .orderBy('chat_sessions.last_activity_at', 'desc')
      .orderBy('chat_sessions.id', 'desc')
      .limit(page.limit)
      .execute();
    return rows.map(toChatSession);
  }

  async rename(id: string, title: string, source: TitleSource, now: Date): Promise<ChatSession | undefined> {
    if (!isUuid(id)) return undefined;
    // last_activity_at stays: a rename does not move the session in the list.
    const row = await this.db
      .updateTable('chat_sessions')
      .set({ title, title_source: source, updated_at: now })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toChatSession(row);
  }

  async softDelete(id: string, now: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db
      .updateTable('chat_sessions')
      .set({ deleted_at: now, updated_at: now })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async restore(id: string, now: Date): Promise<ChatSession | undefined> {
    if (!isUuid(id)) return undefined;
    // Back where it was: last_activity_at is not touched, so the list order is as before.
    const row = await this.db
      .updateTable('chat_sessions')
      .set({ deleted_at: null, updated_at: now })
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toChatSession(row);
  }

  async purgeDeletedBefore(cutoff: Date, batchSize: number): Promise<number> {
    // One batch per statement keeps each transaction (and the cascade to chat_messages) short;
    // SKIP LOCKED lets two instances purge at once without waiting for each other.
    const result = await this.db
      .deleteFrom('chat_sessions')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('chat_sessions')
          .select('id')
          .where('deleted_at', '<', cutoff)
          .orderBy('deleted_at')
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
