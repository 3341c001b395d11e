import type { Redis } from 'ioredis';
import type { Logger } from '../../application/ports/logger.port.js';
import { closeConnection } from '../cache/close-connection.js';

/**
 * Tells followers of Redis streams that something was appended, over ONE blocking connection
 * per instance, whatever the number of streams and readers. It carries no data to anyone: a
 * woken reader fetches its next batch itself (XRANGE from its own last id), so a reader that
 * stops asking has nothing pushed at it and slows nobody.
 *
 * The connection is a duplicate of the shared client without its `commandTimeout`, which would
 * kill every XREAD BLOCK after 500 ms. Each XREAD names every followed stream with the last id
 * seen on it and COUNT 1, so the watcher itself never holds more than one entry per followed
 * stream, and an append that lands between two XREADs is still seen (explicit ids, never `$`).
 * A stream that gains its first follower while an XREAD blocks without it interrupts that
 * XREAD with CLIENT UNBLOCK (once per stream per instance, not per event). When an XREAD times
 * out or fails, every waiter is woken to look for itself: that heals anything missed (a
 * reconnect, a deleted key) within one block period.
 */
export class RedisStreamWatcher {
  private readonly connection: Redis;
  private readonly streams = new Map<string, WatchedStream>();
  private readonly prefix: string;
  private readonly blockMs: number;
  private loop: Promise<void> | undefined;
  private idle: (() => void) | undefined;
  /** The streams named by the XREAD in flight, and which XREAD it is. */
  private inFlight: { readonly keys: ReadonlySet<string>; readonly generation: number } | undefined;
  private generation = 0;
  /** An interrupt was asked for the XREAD in flight (one is enough: the next XREAD names every stream). */
  private interruptAsked = false;
  /** The XREAD that CLIENT UNBLOCK ended: its empty answer is no timeout. */
  private unblockedGeneration = -1;
  private clientId: number | undefined;
  /** Set from the first failed XREAD to the next good one: an outage is logged once, not per retry. */
  private failing = false;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    options: { readonly blockMs?: number; readonly connectionName?: string } = {},
  ) {
    this.blockMs = options.blockMs ?? 5_000;
    this.prefix = redis.options.keyPrefix ?? '';
    this.connection = redis.duplicate({
      commandTimeout: undefined,
      // The connection does nothing but block: queue the next XREAD while it reconnects.
      enableOfflineQueue: true,
      // A socket that dies silently still ends the XREAD a second after its BLOCK period.
      blockingTimeout: this.blockMs,
      blockingTimeoutGrace: 1_000,
      connectionName: options.connectionName ?? `${redis.options.connectionName ?? 'parley'}:stream-watcher`,
    });
    this.connection.on('error', () => {});
    this.connection.on('close', () => (this.clientId = undefined));
  }

  /** Follow `key` (without the client's keyPrefix) until the returned watch is released. */
  watch(key: string): StreamWatch {
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { followers: 0, lastSeen: '0-0', waiters: new Set() };
      this.streams.set(key, stream);
    }
    stream.followers++;
    const watched = stream;
    let released = false;
    return {
      waitBeyond: (afterId, lastSeen, signal) => this.waitBeyond(key, watched, afterId, lastSeen, signal),
      release: () => {
        if (released) return;
        released = true;
        if (--watched.followers > 0) return;
        // Nobody follows it any more: no XREAD will name it, so no wait on it may be left behind.
        wakeAll(watched);
        if (this.streams.get(key) === watched) this.streams.delete(key);
      },
    };
  }

  /** Ends every wait and drops the connection (a blocked XREAD would hold up QUIT). */
  async close(): Promise<void> {
    this.closed = true;
    for (const stream of this.streams.values()) wakeAll(stream);
    this.streams.clear();
    this.idle?.();
    await closeConnection(this.connection);
    await this.loop;
  }

  private waitBeyond(
    key: string,
    stream: WatchedStream,
    afterId: string,
    lastSeen: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (compareStreamIds(lastSeen, stream.lastSeen) > 0) stream.lastSeen = lastSeen;
    // Something beyond the reader was seen already (its fetch raced an append): look again now.
    if (this.closed || signal?.aborted || compareStreamIds(stream.lastSeen, afterId) > 0) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        afterId,
        wake: () => {
          stream.waiters.delete(waiter);
          signal?.removeEventListener('abort', waiter.wake);
          resolve();
        },
      };
      stream.waiters.add(waiter);
      signal?.addEventListener('abort', waiter.wake, { once: true });
      this.kick(key);
    });
  }

  /** Makes sure the loop runs and its XREAD names `key`. */
  private kick(key: string): void {
    this.loop ??= this.run().finally(() => (this.loop = undefined));
    this.idle?.();
    const flight = this.inFlight;
    if (flight && !flight.keys.has(key) && !this.interruptAsked) {
      this.interruptAsked = true;
      void this.interrupt(flight.generation);
    }
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.streams.size === 0) {
        await new Promise<void>((resolve) => (this.idle = resolve));
        this.idle = undefined;
        continue;
      }
      try {
        this.clientId ??= await this.connection.client('ID');
        const keys = [...this.streams.keys()];
        const ids = keys.map((key) => this.streams.get(key)!.lastSeen);
        this.generation++;
        this.inFlight = { keys: new Set(keys), generation: this.generation };
        this.interruptAsked = false;
        const reply = (await this.connection.xread(
          'COUNT',
          1,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...keys,
          ...ids,
        )) as [string, [string, string[]][]][] | null;
        this.inFlight = undefined;
        this.failing = false;
        if (reply) this.deliver(reply);
        // The block period passed with nothing new: let every waiter look for itself.
        else if (this.unblockedGeneration !== this.generation) this.wakeEveryone();
      } catch (error) {
        this.inFlight = undefined;
        if (this.closed) break;
        if (!this.failing) {
          this.logger.warn({ err: error }, 'reply log: blocking read failed; readers look for themselves');
        }
        this.failing = true;
        this.wakeEveryone();
        // Paced by the reconnect (offline queue); this pause only guards against a tight loop.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private deliver(reply: [string, [string, string[]][]][]): void {
    for (const [prefixedKey, entries] of reply) {
      const stream = this.streams.get(prefixedKey.slice(this.prefix.length));
      const newest = entries.at(-1)?.[0];
      if (!stream || newest === undefined) continue;
      if (compareStreamIds(newest, stream.lastSeen) > 0) stream.lastSeen = newest;
      for (const waiter of [...stream.waiters]) {
        if (compareStreamIds(newest, waiter.afterId) > 0) waiter.wake();
      }
    }
  }

  private wakeEveryone(): void {
    for (const stream of this.streams.values()) wakeAll(stream);
  }

  /**
   * CLIENT UNBLOCK answers 0 when the XREAD has not reached Redis yet (the two connections are
   * not ordered) or has already returned: ask again until it lands or that XREAD is over.
   */
  private async interrupt(generation: number): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const id = this.clientId;
      if (this.closed || this.inFlight?.generation !== generation || id === undefined) return;
      try {
        if ((await this.redis.client('UNBLOCK', id)) === 1) {
          this.unblockedGeneration = generation;
          return;
        }
      } catch {
        return; // Redis is away: the XREAD fails too, and its failure wakes everyone.
      }
    }
  }
}

export interface StreamWatch {
  /**
   * Resolves once the stream may hold an entry after `afterId` (the reader's position), or
   * when `signal` aborts or the watcher closes; never rejects. `lastSeen` is the stream's
   * newest id as the reader's last fetch found it.
   */
  waitBeyond(afterId: string, lastSeen: string, signal?: AbortSignal): Promise<void>;
  release(): void;
}

interface Waiter {
  readonly afterId: string;
  readonly wake: () => void;
}

interface WatchedStream {
  followers: number;
  /** The newest entry id known on this instance: the next XREAD asks for what comes after it. */
  lastSeen: string;
  readonly waiters: Set<Waiter>;
}

function wakeAll(stream: WatchedStream): void {
  for (const waiter of [...stream.waiters]) waiter.wake();
}

/** Orders Redis stream ids (`<ms>-<seq>`, both 64-bit). */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}
