import { describe, expect, it } from 'vitest';
import { InProcessReplyControl } from '../../../src/infrastructure/replies/in-process-reply-control.adapter.js';
import { InProcessReplyLog } from '../../../src/infrastructure/replies/in-process-reply-log.adapter.js';
import { RedisReplyControl } from '../../../src/infrastructure/replies/redis-reply-control.adapter.js';
import { RedisReplyLog } from '../../../src/infrastructure/replies/redis-reply-log.adapter.js';
import { ReplyTransport } from '../../../src/infrastructure/replies/reply-transport.js';
import { TestClock } from '../../support/test-clock.js';
import { redisInstances, silentLogger, uniqueReplyId } from './replies-test-kit.js';

const settings = { logTtlSeconds: 300, stopAckMs: 200, clock: new TestClock() };

describe('ReplyTransport', () => {
  const instances = redisInstances('transport');

  it('without Redis: the in-process log and control, ready at once, closing ends the readers', async () => {
    const transport = new ReplyTransport(undefined, silentLogger, settings);
    expect(transport.log).toBeInstanceOf(InProcessReplyLog);
    expect(transport.control).toBeInstanceOf(InProcessReplyControl);
    await transport.ready();
    const replyId = uniqueReplyId();
    expect(await transport.control.stop(replyId, 'stopped')).toBe(false);
    const reader = transport.log.follow(replyId, -1);
    await transport.close();
    const events = [];
    for await (const event of reader) events.push(event);
    expect(events).toEqual([]);
  });

  it('with Redis: the Redis log and control, subscribed when ready, their connections closed with it', async () => {
    const redis = await instances.client();
    const transport = new ReplyTransport(redis, silentLogger, settings);
    expect(transport.log).toBeInstanceOf(RedisReplyLog);
    expect(transport.control).toBeInstanceOf(RedisReplyControl);
    await transport.ready();
    expect(await instances.connectionNames()).toContain(`${instances.connectionName}:reply-control`);
    await transport.close();
    expect(await instances.connectionNames()).not.toContain(`${instances.connectionName}:reply-control`);
  });
});
