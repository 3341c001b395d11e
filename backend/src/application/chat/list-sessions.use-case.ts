import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import { toPage, type Page } from '../shared/cursor.js';
import { decodeSessionCursor, sessionCursor } from './chat-cursors.js';

/** The caller's live sessions, most recent activity first; `q` keeps those whose title or messages match. */
export class ListSessions {
  constructor(private readonly sessions: ChatSessionRepository) {}

  async execute(
    userId: string,
    query: { limit: number; cursor?: string; q?: string },
  ): Promise<Page<ChatSession>> {
    const after = query.cursor ? decodeSessionCursor(query.cursor) : undefined;
    const rows = await this.sessions.list(userId, {
      limit: query.limit + 1,
      after,
      search: query.q?.trim() || undefined,
    });
    return toPage(rows, query.limit, sessionCursor);
  }
}
