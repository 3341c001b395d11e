import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/application/ports/change-feed.port.js';
import { createRedis } from '../../src/infrastructure/cache/create-redis.js';
import { RedisChangeFeed } from '../../src/infrastructure/changes/redis-change-feed.adapter.js';
import { TEST_REDIS_URL } from '../support/test-database.js';
import { untilReady } from './limits/limits-test-kit.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('RedisChangeFeed', () => {
  const prefix = `parley-test:${randomBytes(4).toString('hex')}:`;
  const clients = [
    createRedis(TEST_REDIS_URL, { keyPrefix: prefix }),
    createRedis(TEST_REDIS_URL, { keyPrefix: prefix }),
  ];
  const [one, two] = clients.map((redis) => new RedisChangeFeed(redis, silent, prefix));
  beforeAll(() => Promise.all(clients.map((c) => untilReady(c))));
  afterAll(async () => {
    await Promise.all([one!.close(), two!.close()]);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('delivers an event to local listeners at once and to the other instance through Redis, once each', async () => {
    const heardByOne: ChangeEvent[] = [];
    one!.subscribe((e) => heardByOne.push(e));
    const reachedTwo = new Promise<ChangeEvent>((resolve) => two!.subscribe(resolve));
    // Subscriptions are asynchronous: publish until the other side is listening.
    let delivered: ChangeEvent | undefined;
    void reachedTwo.then((e) => (delivered = e));
    for (let i = 0; i < 100 && !delivered; i++) {
      await one!.publish({ kind: 'feature', id: 'chat' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await reachedTwo).toEqual({ kind: 'feature', id: 'chat' });
    // The publisher heard its own events locally, never a second time through Redis.
    expect(heardByOne.length).toBeGreaterThan(0);
    expect(heardByOne.every((e) => e.kind === 'feature' && e.id === 'chat')).toBe(true);
    const published = heardByOne.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heardByOne.length).toBe(published);
  });

  it('ignores channels of another prefix', async () => {
    const other = createRedis(TEST_REDIS_URL, { keyPrefix: 'parley-test:other:' });
    // Connected first: with no offline queue, a publish before that would fail quietly and prove nothing.
    await untilReady(other);
    const stranger = new RedisChangeFeed(other, silent, 'parley-test:other:');
    const heard: ChangeEvent[] = [];
    two!.subscribe((e) => heard.push(e));
    // Published on the connected raw client, which throws if the command does not go out.
    await other.publish(
      'parley-test:other:changes',
      JSON.stringify({ from: 'elsewhere', event: { kind: 'user', id: 'x' } }),
    );
    await stranger.publish({ kind: 'user', id: 'y' });
    await one!.publish({ kind: 'cohort', id: 'marker' });
    // Once the marker from our prefix has arrived, the stranger's event would have too.
    for (let i = 0; i < 100 && !heard.some((e) => e.id === 'marker'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.map((e) => e.id)).toEqual(['marker']);
    await stranger.close();
    await other.quit();
  });
});
