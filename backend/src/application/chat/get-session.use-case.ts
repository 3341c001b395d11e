import type { ChatMessageRepository, ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import { messagePage } from './message-page.js';
import { ownedSession } from './owned-session.js';

export const LATEST_MESSAGES = 50;

export interface SessionDetail {
  session: ChatSession;
  /** The latest ≤ 50, oldest first. */
  messages: ChatMessage[];
  /** For ListMessages: the messages before these; null when there are none. */
  messagesCursor: string | null;
}

export class GetSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly messages: ChatMessageRepository,
  ) {}

  async execute(userId: string, id: string): Promise<SessionDetail> {
    const session = await ownedSession(this.sessions, userId, id);
    const page = await messagePage(this.messages, session.id, LATEST_MESSAGES);
    return { session, messages: page.items, messagesCursor: page.olderCursor };
  }
}
