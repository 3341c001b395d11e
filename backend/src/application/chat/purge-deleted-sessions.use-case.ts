import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { Clock } from '../ports/clock.port.js';

export const PURGE_BATCH_SIZE = 200;

/**
 * The purge job: sessions deleted more than CHAT_RETENTION_DAYS ago are removed for good, with
 * their messages (the foreign key cascades), a batch at a time so no statement runs long.
 */
export class PurgeDeletedSessions {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly clock: Clock,
    private readonly retentionDays: number,
    private readonly batchSize = PURGE_BATCH_SIZE,
  ) {}

  /** How many sessions were purged. */
  async execute(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000);
    let total = 0;
    for (;;) {
      const purged = await this.sessions.purgeDeletedBefore(cutoff, this.batchSize);
      total += purged;
      if (purged < this.batchSize) return total;
    }
  }
}
