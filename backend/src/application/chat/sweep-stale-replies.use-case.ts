import type { Clock } from '../ports/clock.port.js';
import type { ChatMessageRepository } from '../../domain/chat/chat.repositories.js';

/**
 * A reply's row is saved about every second while it streams. One not saved for a minute was
 * left `streaming` by an instance that died: mark it `interrupted` (its text so far is kept),
 * which also frees the session's lock.
 */
export class SweepStaleReplies {
  constructor(
    private readonly messages: ChatMessageRepository,
    private readonly clock: Clock,
    private readonly staleAfterMs = 60_000,
  ) {}

  async execute(): Promise<number> {
    const now = this.clock.now();
    return this.messages.interruptStale(new Date(now.getTime() - this.staleAfterMs), now);
  }
}
