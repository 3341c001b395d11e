import type { Kysely, Selectable } from 'kysely';
import type { ChatMessageRepository, MessageCursor } from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import type { ChatMessagesTable, Database } from './database.js';
import { isUuid } from './uuid.js';

/** The columns a ChatMessage is made of (toChatMessage). */
export const CHAT_MESSAGE_COLUMNS = [
  'id',
  'session_id',
  'role',
  'content',
  'status',
  'token_count',
  'token_count_estimated',
  'model',
  'finish_reason',
  'error_code',
  'last_event_id',
  'created_at',
  'updated_at',
] as const;

export type ChatMessageRow = Pick<Selectable<ChatMessagesTable>, (typeof CHAT_MESSAGE_COLUMNS)[number]>;

export const toChatMessage = (row: ChatMessageRow): ChatMessage => ({
  id: row.id,
  sessionId: row.session_id,
  role: row.role,
  content: row.content,
  status: row.status,
  tokenCount: row.token_count,
  tokenCountEstimated: row.token_count_estimated,
  model: row.model,
  finishReason: row.finish_reason,
  errorCode: row.error_code,
  lastEventId: row.last_event_id,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export class KyselyChatMessageRepository implements ChatMessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async latest(sessionId: string, page: { limit: number; before?: MessageCursor }): Promise<ChatMessage[]> {
    let q = this.db
      .selectFrom('chat_messages')
      .select(CHAT_MESSAGE_COLUMNS)
      .where('session_id', '=', sessionId);
    if (page.before) {
      const { createdAt, id } = page.before;
      // A row comparison, so PostgreSQL uses it as an index bound (an OR of two conditions would be a filter).
      q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
    return rows.reverse().map(toChatMessage);
  }

  async all(sessionId: string): Promise<ChatMessage[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .select(CHAT_MESSAGE_COLUMNS)
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toChatMessage);
  }

  async findById(sessionId: string, id: string): Promise<ChatMessage | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('chat_messages')
      .select(CHAT_MESSAGE_COLUMNS)
      .where('session_id', '=', sessionId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toChatMessage(row);
  }
}
