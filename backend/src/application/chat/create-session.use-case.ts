import { DEFAULT_TITLE, normalizeTitle, type ChatSession } from '../../domain/chat/chat-session.entity.js';
import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UserEvents } from '../ports/user-events.port.js';

/**
 * A new, empty session at the top of the list. Without a title it is "New chat" until the first
 * message names it. The user's other tabs and devices hear of it (`session.created`).
 */
export class CreateSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly events: UserEvents,
  ) {}

  async execute(userId: string, input: { title?: string } = {}): Promise<ChatSession> {
    const titled =
      input.title !== undefined
        ? { title: normalizeTitle(input.title), titleSource: 'user' as const }
        : { title: DEFAULT_TITLE, titleSource: 'default' as const };
    const now = this.clock.now();
    const session: ChatSession = {
      id: this.ids.next(),
      userId,
      ...titled,
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
      messageCount: 0,
      deletedAt: null,
    };
    await this.sessions.create(session);
    await this.events.publish(userId, { type: 'session.created', session });
    return session;
  }
}
