import type { ChatMessageRepository, MessageCursor } from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import { messageCursor } from './chat-cursors.js';

/**
 * The `limit` messages just before `before` (the newest ones when absent), oldest first, and a
 * cursor to the older ones when there are any. One extra row is read to know.
 */
export async function messagePage(
  messages: ChatMessageRepository,
  sessionId: string,
  limit: number,
  before?: MessageCursor,
): Promise<{ items: ChatMessage[]; olderCursor: string | null }> {
  const rows = await messages.latest(sessionId, { limit: limit + 1, before });
  const items = rows.length > limit ? rows.slice(rows.length - limit) : rows;
  const oldest = items[0];
  return { items, olderCursor: rows.length > limit && oldest ? messageCursor(oldest) : null };
}
