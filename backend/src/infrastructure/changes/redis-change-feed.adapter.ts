import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChangeEvent, ChangeFeed } from '../../application/ports/change-feed.port.js';
import type { Logger } from '../../application/ports/logger.port.js';
import { InProcessChangeFeed } from './in-process-change-feed.adapter.js';
import { closeConnection } from '../cache/close-connection.js';

/**
 * Change events across instances over Redis pub/sub. Local listeners hear a change at once;
 * other instances hear it as soon as Redis delivers it. If Redis is down the message is lost,
 * which is why every cache that listens also expires on its own within seconds.
 */
export class RedisChangeFeed implements ChangeFeed {
  private readonly local = new InProcessChangeFeed();
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly subscriber: Redis;

  constructor(
    private readonly publisher: Redis,
    private readonly logger: Logger,
    channelPrefix: string,
  ) {
    // Pub/sub channels are not keys: ioredis's keyPrefix does not apply, so prefix by hand.
    this.channel = `${channelPrefix}changes`;
    this.subscriber = publisher.duplicate({
      keyPrefix: undefined,
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    this.subscriber
      .subscribe(this.channel)
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'change feed: subscribe failed; will retry on reconnect'),
      );
  }

  async publish(event: ChangeEvent): Promise<void> {
    this.local.deliver(event);
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ from: this.instanceId, event }));
    } catch (error) {
      this.logger.warn(
        { err: error, event },
        'change feed: publish failed; other instances will expire their caches on their own',
      );
    }
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    // Not QUIT: while Redis is down a subscriber queues it until Redis is back, and shutdown hung.
    await closeConnection(this.subscriber);
  }

  private receive(message: string): void {
    try {
      const { from, event } = JSON.parse(message) as { from: string; event: ChangeEvent };
      if (from !== this.instanceId) this.local.deliver(event);
    } catch {
      // Not ours to interpret; ignore.
    }
  }
}
