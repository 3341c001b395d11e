import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../application/ports/logger.port.js';
import type { UserEvent, UserEvents } from '../../application/ports/user-events.port.js';
import { closeConnection } from '../cache/close-connection.js';
import { InProcessUserEvents } from './in-process-user-events.adapter.js';

const EVENT_TYPES: readonly string[] = [
  'session.created',
  'session.updated',
  'session.deleted',
  'session.restored',
  'session.message_added',
  'reply.ended',
  'features.changed',
  'quota.changed',
] satisfies UserEvent['type'][];

interface Envelope {
  /** The publishing instance, which has delivered the event to its own listeners already. */
  readonly from: string;
  readonly userId: string;
  readonly event: UserEvent;
}

export interface RedisUserEventsOptions {
  /** The name of the subscriber connection in CLIENT LIST. */
  readonly connectionName?: string;
}

/**
 * Every user's live feed across instances over Redis pub/sub, on ONE channel
 * (`<prefix>user-events`, each message naming its user) and ONE subscriber connection per
 * instance (a duplicate of the shared client without its `commandTimeout`: a subscription must
 * not time out). Listeners on the publishing instance hear the event at once, without Redis.
 *
 * One channel rather than one per user, because the feed carries a few events per user action
 * (never per reply delta), so every instance reading every user's events and dropping those
 * nobody here listens to costs little; in exchange the subscription is made once, at start-up,
 * so `subscribe` is live the moment it returns (no SUBSCRIBE round trip per opened feed, during
 * which events would be lost, and no SUBSCRIBE/UNSUBSCRIBE churn as tabs come and go). If the
 * volume ever matters, shard the channel by a hash of the user id.
 *
 * Pub/sub keeps nothing: while Redis is away events are lost (publish logs and returns; the
 * caller's action stands), and ioredis resubscribes when it is back. Clients refetch what they
 * show whenever their feed (re)connects, so a lost event costs freshness, not data.
 */
export class RedisUserEvents implements UserEvents {
  private readonly local: InProcessUserEvents;
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly subscriber: Redis;
  private readonly subscribed: Promise<void>;

  /** `redis`: the shared client from createRedis; its keyPrefix also prefixes the channel. */
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    options: RedisUserEventsOptions = {},
  ) {
    this.local = new InProcessUserEvents(logger);
    // Pub/sub channels are not keys: ioredis's keyPrefix does not apply, so prefix by hand.
    this.channel = `${redis.options.keyPrefix ?? ''}user-events`;
    this.subscriber = redis.duplicate({
      keyPrefix: undefined,
      commandTimeout: undefined,
      // Subscribe whenever Redis is there, however long that takes; ioredis resubscribes after a reconnect.
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      connectionName: options.connectionName ?? `${redis.options.connectionName ?? 'parley'}:user-events`,
    });
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.subscribed = this.subscriber.subscribe(this.channel).then(() => undefined);
    this.subscribed.catch((error: unknown) =>
      logger.warn({ err: error }, 'user events: subscribe failed; other instances are not heard'),
    );
  }

  /** Resolves once events from other instances reach this one (await it before serving); never rejects. */
  ready(): Promise<void> {
    return this.subscribed.catch(() => undefined);
  }

  async publish(userId: string, event: UserEvent): Promise<void> {
    this.local.deliver(userId, event);
    try {
      await this.redis.publish(this.channel, encode({ from: this.instanceId, userId, event }));
    } catch (error) {
      this.logger.warn(
        { err: error, userId, event: event.type },
        'user events: publish failed; feeds on other instances miss this event',
      );
    }
  }

  subscribe(userId: string, listener: (event: UserEvent) => void): () => void {
    return this.local.subscribe(userId, listener);
  }

  /** Closes the subscriber connection; listeners here still hear what this instance publishes. */
  async close(): Promise<void> {
    await closeConnection(this.subscriber);
  }

  private receive(message: string): void {
    const envelope = decode(message);
    if (!envelope || envelope.from === this.instanceId) return;
    this.local.deliver(envelope.userId, envelope.event);
  }
}

/*
 * Events carry entities with Date fields (a session's createdAt, a message's createdAt, ...).
 * JSON turns them into strings, so they travel tagged as {"$date": "<ISO>"} and come back as
 * Dates: a listener gets the same event on every instance, whatever new Date fields appear.
 */
function encode(envelope: Envelope): string {
  return JSON.stringify(envelope, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : value;
  });
}

function decode(raw: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw, (_key, item: unknown) => (isDateTag(item) ? new Date(item.$date) : item));
  } catch {
    return undefined; // not ours to interpret
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { from, userId, event } = value as Record<string, unknown>;
  if (typeof from !== 'string' || typeof userId !== 'string') return undefined;
  if (typeof event !== 'object' || event === null) return undefined;
  const type = (event as Record<string, unknown>).type;
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) return undefined;
  return { from, userId, event: event as UserEvent };
}

function isDateTag(value: unknown): value is { $date: string } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$date' && typeof (value as { $date: unknown }).$date === 'string';
}
