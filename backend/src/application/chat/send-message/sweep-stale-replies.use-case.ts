import type { ChatExchangeRepository } from '../../../domain/chat/chat.repositories.js';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../ports/logger.port.js';
import type { UserEvents } from '../../ports/user-events.port.js';
import type { ReplyLog } from './ports/reply-log.port.js';
import { announceEndedReply } from './reply-run-helpers.js';

/**
 * A reply's row is saved about every second while it runs. One not saved for
 * CHAT_STALE_REPLY_MS was left `streaming` by an instance that died: it ends `interrupted` /
 * `instance_lost` with the text saved last (which frees the session's lock and the user's reply
 * slot), and its log gets the final `error` event, so readers on other instances end too. The
 * daily unit is kept: the user got what was saved. Safe on every instance at once: each row is
 * ended by one conditional update, and only that one writes its final event.
 */
export class SweepStaleReplies {
  constructor(
    private readonly exchanges: ChatExchangeRepository,
    private readonly log: ReplyLog,
    private readonly events: UserEvents,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly staleAfterMs = 60_000,
  ) {}

  private get announcing() {
    return { log: this.log, events: this.events, logger: this.logger };
  }

  async execute(): Promise<number> {
    const now = this.clock.now();
    const swept = await this.exchanges.interruptStale(new Date(now.getTime() - this.staleAfterMs), now);
    for (const reply of swept) await announceEndedReply(this.announcing, reply, 'interrupted');
    if (swept.length > 0)
      this.logger.warn({ replies: swept.length }, 'replies left by a lost instance ended as interrupted');
    return swept.length;
  }
}
