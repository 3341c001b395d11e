import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { ReplyCanceller } from './active-replies.js';
import { ownedSession } from './owned-session.js';

/**
 * Soft delete: the session disappears from every read at once and can be restored until it is
 * purged (CHAT_RETENTION_DAYS later). A reply streaming in it on this instance is stopped, and
 * saved as cancelled by its own request.
 */
export class DeleteSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly replies: ReplyCanceller,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, id: string): Promise<void> {
    const session = await ownedSession(this.sessions, userId, id);
    if (!(await this.sessions.softDelete(session.id, this.clock.now()))) throw new NotFound('chat session');
    this.replies.cancelSession(session.id);
  }
}
