import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../application/ports/logger.port.js';
import type {
  ReplyControl,
  ReplyStopReason,
} from '../../application/chat/send-message/ports/reply-control.port.js';
import { closeConnection } from '../cache/close-connection.js';
import { InProcessReplyControl } from './in-process-reply-control.adapter.js';

const STOP_REASONS: readonly string[] = [
  'stopped',
  'session_deleted',
  'feature_disabled',
] satisfies ReplyStopReason[];

interface StopMessage {
  readonly stopId: string;
  readonly replyId: string;
  readonly reason: ReplyStopReason;
  /** The instance waiting for the acknowledgement. */
  readonly from: string;
}

export interface RedisReplyControlOptions {
  /** How long `stop` waits for the running instance to acknowledge (CHAT_STOP_ACK_MS). */
  readonly ackMs: number;
  /** The name of the subscriber connection in CLIENT LIST. */
  readonly connectionName?: string;
}

/**
 * Stop across instances over Redis pub/sub, on ONE subscriber connection per instance (a
 * duplicate of the shared client without its `commandTimeout`, as a subscription must not
 * time out). A stop for a reply running here is handled at once, without Redis. Otherwise it
 * is published to every instance; the one running the reply calls its handlers and answers on
 * the asker's own acknowledgement channel. Pub/sub loses messages while Redis is away, so no
 * acknowledgement within the window means "nobody is running it, as far as we can tell": the
 * caller ends the row itself, and the reply log refuses whatever a still-running reply
 * appends after that final event, which stops it as well.
 */
export class RedisReplyControl implements ReplyControl {
  private readonly local: InProcessReplyControl;
  private readonly instanceId = randomUUID();
  private readonly subscriber: Redis;
  private readonly stopChannel: string;
  private readonly ackChannel: string;
  private readonly ackPrefix: string;
  private readonly ackMs: number;
  private readonly pending = new Map<string, (acknowledged: boolean) => void>();
  private readonly subscribed: Promise<void>;
  private closed = false;

  /** `redis`: the shared client from createRedis; its keyPrefix also prefixes the channels. */
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    options: RedisReplyControlOptions,
  ) {
    this.local = new InProcessReplyControl(logger);
    this.ackMs = options.ackMs;
    // Pub/sub channels are not keys: ioredis's keyPrefix does not apply, so prefix by hand.
    const prefix = redis.options.keyPrefix ?? '';
    this.stopChannel = `${prefix}replies:stop`;
    this.ackPrefix = `${prefix}replies:stop-ack:`;
    this.ackChannel = `${this.ackPrefix}${this.instanceId}`;
    this.subscriber = redis.duplicate({
      keyPrefix: undefined,
      commandTimeout: undefined,
      // Subscribe whenever Redis is there, however long that takes; ioredis resubscribes after a reconnect.
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      connectionName: options.connectionName ?? `${redis.options.connectionName ?? 'parley'}:reply-control`,
    });
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (channel: string, message: string) => this.receive(channel, message));
    this.subscribed = this.subscriber.subscribe(this.stopChannel, this.ackChannel).then(() => undefined);
    this.subscribed.catch(() => {}); // seen by `stop`, which then answers false
  }

  /** Resolves once stops from other instances can reach this one (await it before serving). */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async stop(replyId: string, reason: ReplyStopReason): Promise<boolean> {
    if (this.local.deliver(replyId, reason)) return true;
    if (this.closed) return false;
    const stopId = randomUUID();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(false), this.ackMs);
      const finish = (acknowledged: boolean) => {
        clearTimeout(timer);
        this.pending.delete(stopId);
        resolve(acknowledged);
      };
      this.pending.set(stopId, finish);
      void this.publishStop({ stopId, replyId, reason, from: this.instanceId }).catch((error: unknown) => {
        this.logger.warn({ err: error, replyId }, 'reply control: stop not published');
        finish(false);
      });
    });
  }

  onStop(replyId: string, handler: (reason: ReplyStopReason) => void): () => void {
    return this.local.onStop(replyId, handler);
  }

  /** Answers every waiting `stop` with false and closes the subscriber connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const finish of [...this.pending.values()]) finish(false);
    await closeConnection(this.subscriber);
  }

  private async publishStop(message: StopMessage): Promise<void> {
    // An acknowledgement can only be heard once our own channel is subscribed.
    await this.subscribed;
    if (!this.pending.has(message.stopId)) return; // the window closed meanwhile: a late stop helps nobody
    await this.redis.publish(this.stopChannel, JSON.stringify(message));
  }

  private receive(channel: string, raw: string): void {
    const message = parse(raw);
    if (!message) return;
    if (channel === this.ackChannel) {
      if (typeof message.stopId === 'string') this.pending.get(message.stopId)?.(true);
      return;
    }
    if (channel !== this.stopChannel || !isStopMessage(message) || message.from === this.instanceId) return;
    if (!this.local.deliver(message.replyId, message.reason)) return;
    this.redis
      .publish(`${this.ackPrefix}${message.from}`, JSON.stringify({ stopId: message.stopId }))
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, replyId: message.replyId },
          'reply control: stopped here, but the acknowledgement was not published',
        ),
      );
  }
}

function parse(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not ours to interpret
  }
}

function isStopMessage(message: Record<string, unknown>): message is Record<string, unknown> & StopMessage {
  return (
    typeof message.stopId === 'string' &&
    typeof message.replyId === 'string' &&
    typeof message.from === 'string' &&
    typeof message.reason === 'string' &&
    STOP_REASONS.includes(message.reason)
  );
}
