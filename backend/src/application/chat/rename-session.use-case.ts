import { normalizeTitle, type ChatSession } from '../../domain/chat/chat-session.entity.js';
import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { UserEvents } from '../ports/user-events.port.js';
import { ownedSession } from './owned-session.js';

/**
 * The user's title wins over the automatic one for good. A rename does not move the session in
 * the list. The user's other tabs and devices hear of it (`session.updated`).
 */
export class RenameSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly clock: Clock,
    private readonly events: UserEvents,
  ) {}

  async execute(userId: string, id: string, input: { title: string }): Promise<ChatSession> {
    const title = normalizeTitle(input.title);
    const session = await ownedSession(this.sessions, userId, id);
    const renamed = await this.sessions.rename(session.id, title, 'user', this.clock.now());
    // Deleted between the two statements: as gone as if it had been before.
    if (!renamed) throw new NotFound('chat session');
    await this.events.publish(userId, { type: 'session.updated', session: renamed });
    return renamed;
  }
}
