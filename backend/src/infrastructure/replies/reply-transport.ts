import type { Redis } from 'ioredis';
import type { ReplyControl } from '../../application/chat/send-message/ports/reply-control.port.js';
import type { ReplyLog } from '../../application/chat/send-message/ports/reply-log.port.js';
import type { Clock } from '../../application/ports/clock.port.js';
import type { Logger } from '../../application/ports/logger.port.js';
import { InProcessReplyControl } from './in-process-reply-control.adapter.js';
import { InProcessReplyLog } from './in-process-reply-log.adapter.js';
import { RedisReplyControl } from './redis-reply-control.adapter.js';
import { RedisReplyLog } from './redis-reply-log.adapter.js';

export interface ReplyTransportSettings {
  /** CHAT_REPLY_LOG_TTL_S */
  readonly logTtlSeconds: number;
  /** CHAT_STOP_ACK_MS */
  readonly stopAckMs: number;
  readonly clock: Clock;
}

/**
 * The reply log and reply control of one instance: Redis Streams and pub/sub when REDIS_URL is
 * set (shared by every instance; two dedicated connections: the log's blocking reader and the
 * control's subscriber), in process otherwise (a single instance). The composition root builds
 * it; the server awaits `ready()` before it serves and `close()` when it stops.
 */
export class ReplyTransport {
  readonly log: ReplyLog;
  readonly control: ReplyControl;
  private readonly closeLog: () => Promise<void>;
  private readonly subscribed: () => Promise<void>;
  private readonly closeControl: () => Promise<void>;

  constructor(redis: Redis | undefined, logger: Logger, settings: ReplyTransportSettings) {
    if (redis) {
      const log = new RedisReplyLog(redis, logger, { ttlSeconds: settings.logTtlSeconds });
      const control = new RedisReplyControl(redis, logger, { ackMs: settings.stopAckMs });
      this.log = log;
      this.control = control;
      this.closeLog = () => log.close();
      this.subscribed = () => control.ready();
      this.closeControl = () => control.close();
    } else {
      const log = new InProcessReplyLog({ ttlSeconds: settings.logTtlSeconds, clock: settings.clock });
      this.log = log;
      this.control = new InProcessReplyControl(logger);
      this.closeLog = () => log.close();
      this.subscribed = async () => {};
      this.closeControl = async () => {};
    }
  }

  /** Resolves once stops from other instances reach this one. */
  ready(): Promise<void> {
    return this.subscribed();
  }

  /** Ends every reader of the log and closes the dedicated connections (the shared client stays). */
  async close(): Promise<void> {
    await Promise.all([this.closeLog(), this.closeControl()]);
  }
}
