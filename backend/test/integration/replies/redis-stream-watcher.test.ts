import { afterEach, describe, expect, it } from 'vitest';
import {
  compareStreamIds,
  RedisStreamWatcher,
} from '../../../src/infrastructure/replies/redis-stream-watcher.js';
import { createRedis } from '../../../src/infrastructure/cache/create-redis.js';
import { freePort, startRedisServer, untilReady } from '../limits/limits-test-kit.js';
import { redisInstances, silentLogger } from './replies-test-kit.js';

const redis = redisInstances('watcher');
const watchers: RedisStreamWatcher[] = [];
afterEach(async () => {
  for (const watcher of watchers.splice(0)) await watcher.close();
});

async function watcher(blockMs: number, name = 'watch'): Promise<RedisStreamWatcher> {
  const created = new RedisStreamWatcher(await redis.client(), silentLogger, {
    blockMs,
    connectionName: `${redis.connectionName}:${name}`,
  });
  watchers.push(created);
  return created;
}

/** Resolves once the named connection is blocked in Redis (CLIENT LIST flag `b`). */
async function blocked(name: string): Promise<void> {
  for (;;) {
    const list = (await redis.raw.client('LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(` name=${redis.connectionName}:${name} `));
    if (/ flags=\S*b/.test(line ?? '')) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const settled = (promise: Promise<void>) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);

describe('RedisStreamWatcher', () => {
  it('orders stream ids by time, then sequence, as 64-bit numbers', () => {
    expect(compareStreamIds('1-1', '1-1')).toBe(0);
    expect(compareStreamIds('2-0', '10-0')).toBe(-1);
    expect(compareStreamIds('3-10', '3-9')).toBe(1);
    expect(compareStreamIds('18446744073709551615-0', '18446744073709551614-5')).toBe(1);
  });

  it('wakes a waiter on a stream that joins while the blocking read waits on another (CLIENT UNBLOCK)', async () => {
    // A 60 s block: if the new stream were not added to the blocking read, nothing would wake it in time.
    const w = await watcher(60_000);
    const first = w.watch('a');
    const waitingOnA = first.waitBeyond('0-0', '0-0');
    await blocked('watch');
    const second = w.watch('b');
    const waitingOnB = second.waitBeyond('0-0', '0-0');
    await redis.raw.xadd(`${redis.prefix}b`, '1-1', 'f', 'v');
    await waitingOnB;
    expect(await settled(waitingOnA)).toBe(false);
    await redis.raw.xadd(`${redis.prefix}a`, '1-1', 'f', 'v');
    await waitingOnA;
    first.release();
    second.release();
  });

  it('wakes only the waiters an entry is news to', async () => {
    const w = await watcher(60_000);
    const watch = w.watch('c');
    const behind = watch.waitBeyond('1-1', '1-1');
    const ahead = watch.waitBeyond('5-1', '1-1'); // a reader positioned beyond the end
    await redis.raw.xadd(`${redis.prefix}c`, '2-1', 'f', 'v');
    await behind;
    expect(await settled(ahead)).toBe(false);
    watch.release();
    await w.close();
    await ahead; // closing ends every wait
  });

  it('answers at once when the reader is behind what was already seen (an append raced its fetch)', async () => {
    const w = await watcher(60_000);
    const watch = w.watch('d');
    expect(await settled(watch.waitBeyond('3-1', '4-1'))).toBe(true);
    expect(await settled(watch.waitBeyond('3-1', '0-0'))).toBe(true); // 4-1 is remembered
    watch.release();
  });

  it('wakes every waiter when a blocking read times out, so each looks for itself', async () => {
    const w = await watcher(100);
    const watch = w.watch('e');
    await watch.waitBeyond('7-1', '7-1'); // nothing is ever appended: only the time-out ends this
    watch.release();
  });

  it('ends a wait when its signal aborts', async () => {
    const w = await watcher(60_000);
    const watch = w.watch('f');
    const abort = new AbortController();
    const waiting = watch.waitBeyond('0-0', '0-0', abort.signal);
    abort.abort();
    await waiting;
    expect(await settled(watch.waitBeyond('0-0', '0-0', abort.signal))).toBe(true);
    watch.release();
  });

  it('holds one connection, released by close', async () => {
    const w = await watcher(60_000, 'closing');
    const watch = w.watch('g');
    const waiting = watch.waitBeyond('0-0', '0-0');
    await blocked('closing');
    expect((await redis.connectionNames()).filter((n) => n.endsWith(':closing'))).toHaveLength(1);
    await w.close();
    await waiting;
    expect((await redis.connectionNames()).filter((n) => n.endsWith(':closing'))).toHaveLength(0);
  });

  it('survives a Redis restart: waiters are woken to look for themselves, and waiting works again once it is back', async () => {
    const port = await freePort();
    let server = await startRedisServer(port);
    const shared = createRedis(server.url);
    const w = new RedisStreamWatcher(shared, silentLogger, { blockMs: 60_000 });
    try {
      await untilReady(shared);
      const watch = w.watch('h');
      const waiting = watch.waitBeyond('0-0', '0-0');
      await server.stop();
      await waiting; // woken by the failed read, not by an entry

      server = await startRedisServer(port); // same port, empty
      await untilReady(shared);
      const again = watch.waitBeyond('0-0', '0-0');
      await shared.xadd('h', '1-1', 'f', 'v');
      await again;
      watch.release();
    } finally {
      await w.close();
      shared.disconnect();
      await server.stop();
    }
  });
});
