import type { ChatMessageRepository, ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import type { Page } from '../shared/cursor.js';
import { decodeMessageCursor } from './chat-cursors.js';
import { messagePage } from './message-page.js';
import { ownedSession } from './owned-session.js';

/**
 * Pages backwards in time: the messages just before the cursor (the latest without one),
 * oldest first within the page; nextCursor leads to the older ones.
 */
export class ListMessages {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly messages: ChatMessageRepository,
  ) {}

  async execute(
    userId: string,
    id: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<ChatMessage>> {
    // API.md's order: validation (the cursor) before ownership.
    const before = query.cursor ? decodeMessageCursor(query.cursor) : undefined;
    const session = await ownedSession(this.sessions, userId, id);
    const page = await messagePage(this.messages, session.id, query.limit, before);
    return { items: page.items, nextCursor: page.olderCursor };
  }
}
