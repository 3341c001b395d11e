import { describe, expect, it } from 'vitest';
import { createRedis } from '../../../src/infrastructure/cache/create-redis.js';
import { InProcessUserEvents } from '../../../src/infrastructure/user-events/in-process-user-events.adapter.js';
import { RedisUserEvents } from '../../../src/infrastructure/user-events/redis-user-events.adapter.js';
import { TEST_REDIS_URL } from '../../support/test-database.js';
import { untilReady } from '../limits/limits-test-kit.js';
import { redisInstances, silentLogger } from '../replies/replies-test-kit.js';
import { describeUserEventsContract, heardBy, sessionOf, uniqueUserId } from './user-events.contract.js';

describeUserEventsContract('in-process', async () => {
  const events = new InProcessUserEvents(silentLogger);
  return { events, other: events };
});

const redis = redisInstances('user-events');

/** A new instance's feed, subscribed, closed after the test. */
async function redisFeed(name = 'feed'): Promise<RedisUserEvents> {
  const events = new RedisUserEvents(await redis.client(), silentLogger, {
    connectionName: `${redis.connectionName}:${name}`,
  });
  redis.closeAfterTest(() => events.close());
  await events.ready();
  return events;
}

describeUserEventsContract('Redis pub/sub', async () => {
  const [events, other] = await Promise.all([redisFeed(), redisFeed()]);
  return { events, other };
});

describe('RedisUserEvents', () => {
  it('listens for any number of users on one subscriber connection per instance, on one channel', async () => {
    const [one, two] = await Promise.all([redisFeed('many'), redisFeed('many')]);
    const users = Array.from({ length: 30 }, () => uniqueUserId());
    const tabs = users.map((userId) => heardBy(one, userId));
    expect((await redis.connectionNames()).filter((n) => n.endsWith(':many'))).toHaveLength(2);
    const channels = (await redis.raw.pubsub('CHANNELS', `${redis.prefix}*`)) as string[];
    expect(channels).toEqual([`${redis.prefix}user-events`]);
    for (const userId of users) await two.publish(userId, { type: 'quota.changed' });
    await Promise.all(tabs.map((tab) => tab.until(1)));
    expect(tabs.every((tab) => tab.heard.length === 1)).toBe(true);
    for (const tab of tabs) tab.unsubscribe();
  });

  it('a publish that cannot reach Redis still reaches this instance and resolves', async () => {
    const client = createRedis(TEST_REDIS_URL, { keyPrefix: redis.prefix });
    await untilReady(client);
    const events = new RedisUserEvents(client, silentLogger, {
      connectionName: `${redis.connectionName}:down`,
    });
    await events.ready();
    const alice = uniqueUserId();
    const tab = heardBy(events, alice);
    client.disconnect();
    await expect(events.publish(alice, { type: 'quota.changed' })).resolves.toBeUndefined();
    expect(tab.heard).toEqual([{ type: 'quota.changed' }]);
    await events.close();
  });

  it('close releases the subscriber connection and leaves the shared client working', async () => {
    const shared = await redis.client();
    const events = new RedisUserEvents(shared, silentLogger, {
      connectionName: `${redis.connectionName}:closing`,
    });
    await events.ready();
    expect(await redis.connectionNames()).toContain(`${redis.connectionName}:closing`);
    await events.close();
    expect(await redis.connectionNames()).not.toContain(`${redis.connectionName}:closing`);
    expect(await shared.ping()).toBe('PONG');
  });

  it('ignores messages on its channel that are not events of its own kind', async () => {
    const events = await redisFeed();
    const alice = uniqueUserId();
    const tab = heardBy(events, alice);
    const channel = `${redis.prefix}user-events`;
    await redis.raw.publish(channel, 'not json');
    await redis.raw.publish(
      channel,
      JSON.stringify({ from: 'elsewhere', userId: alice, event: { type: 'bored' } }),
    );
    await redis.raw.publish(channel, JSON.stringify({ from: 'elsewhere', userId: alice, event: null }));
    await redis.raw.publish(channel, JSON.stringify({ from: 'elsewhere', event: { type: 'quota.changed' } }));
    await redis.raw.publish(channel, JSON.stringify(['an', 'array']));
    // A well-formed event sent after them: once it has arrived, the others were dropped.
    const session = sessionOf(alice);
    await redis.raw.publish(
      channel,
      JSON.stringify({
        from: 'elsewhere',
        userId: alice,
        event: { type: 'session.deleted', sessionId: session.id },
      }),
    );
    await tab.until(1);
    expect(tab.heard).toEqual([{ type: 'session.deleted', sessionId: session.id }]);
    tab.unsubscribe();
  });
});
