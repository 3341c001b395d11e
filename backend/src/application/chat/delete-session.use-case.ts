import type { ChatExchangeRepository, ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { UserEvents } from '../ports/user-events.port.js';
import { ownedSession } from './owned-session.js';
import type { ReplyStopper } from './send-message/reply-stopper.js';

/**
 * Soft delete: the session disappears from every read at once and can be restored until it is
 * purged (CHAT_RETENTION_DAYS later). A reply running in it is stopped wherever it runs, and
 * saved `cancelled` / `session_deleted`; the user's other tabs hear of it (`session.deleted`).
 */
export class DeleteSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly exchanges: ChatExchangeRepository,
    private readonly stopper: Pick<ReplyStopper, 'stop'>,
    private readonly clock: Clock,
    private readonly events: UserEvents,
  ) {}

  async execute(userId: string, id: string): Promise<void> {
    const session = await ownedSession(this.sessions, userId, id);
    if (!(await this.sessions.softDelete(session.id, this.clock.now()))) throw new NotFound('chat session');
    await this.events.publish(userId, { type: 'session.deleted', sessionId: session.id });
    const running = await this.exchanges.runningIn(session.id);
    if (running) await this.stopper.stop({ userId, message: running }, 'session_deleted');
  }
}
