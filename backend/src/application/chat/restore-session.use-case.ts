import { isPurgeable, type ChatSession } from '../../domain/chat/chat-session.entity.js';
import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { UserEvents } from '../ports/user-events.port.js';

/**
 * Undoes a delete, for the owner, until the retention period has run out (from then on the
 * session is as good as purged, even if the purge job has not come round yet). Restoring a
 * session that is not deleted answers it unchanged: the undo may simply be sent twice.
 * It comes back where it was in the list: its last activity is what it was. The user's other
 * tabs and devices hear of it (`session.restored`) from the request that restored it.
 */
export class RestoreSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly clock: Clock,
    private readonly retentionDays: number,
    private readonly events: UserEvents,
  ) {}

  async execute(userId: string, id: string): Promise<ChatSession> {
    const session = await this.sessions.findOwned(userId, id, { includeDeleted: true });
    if (!session) throw new NotFound('chat session');
    if (session.deletedAt === null) return session;
    const now = this.clock.now();
    if (isPurgeable(session, now, this.retentionDays)) throw new NotFound('chat session');
    const restored = await this.sessions.restore(session.id, now);
    if (restored) {
      await this.events.publish(userId, { type: 'session.restored', session: restored });
      return restored;
    }
    // Restored by a concurrent request (fine), or purged meanwhile (gone).
    const current = await this.sessions.findOwned(userId, id);
    if (!current) throw new NotFound('chat session');
    return current;
  }
}
