import type { ChatExchangeRepository, OwnedReply } from '../../../domain/chat/chat.repositories.js';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../ports/logger.port.js';
import type { UserEvents } from '../../ports/user-events.port.js';
import type { ReplyControl, ReplyStopReason } from './ports/reply-control.port.js';
import type { ReplyLog } from './ports/reply-log.port.js';
import { announceEndedReply } from './reply-run-helpers.js';

/**
 * Stops a running reply wherever it runs (Stop, the session's deletion). The instance running
 * it acknowledges and its run ends the reply (`cancelled` with exactly the text produced). When
 * nobody acknowledges within CHAT_STOP_ACK_MS, nobody is running it (its instance died): this
 * ends the row itself, `cancelled` with the text saved last, and writes the final event for its
 * readers. A run that is alive after all (its acknowledgement got lost) finds the log closed at
 * its next append and stops too.
 */
export class ReplyStopper {
  constructor(
    private readonly control: ReplyControl,
    private readonly exchanges: ChatExchangeRepository,
    private readonly log: ReplyLog,
    private readonly events: UserEvents,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  private get announcing() {
    return { log: this.log, events: this.events, logger: this.logger };
  }

  async stop(
    { userId, message }: OwnedReply,
    reason: Exclude<ReplyStopReason, 'feature_disabled'>,
  ): Promise<void> {
    if (await this.control.stop(message.id, reason)) return;
    const ended = await this.exchanges.abandon(
      message,
      { status: 'cancelled', errorCode: reason },
      this.clock.now(),
    );
    // Undefined: it ended meanwhile, and whoever ended it tells.
    if (ended) await announceEndedReply(this.announcing, { userId, message: ended }, 'cancelled');
  }
}
