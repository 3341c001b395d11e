import { describe, expect, it } from 'vitest';
import { InProcessReplyControl } from '../../../src/infrastructure/replies/in-process-reply-control.adapter.js';
import { RedisReplyControl } from '../../../src/infrastructure/replies/redis-reply-control.adapter.js';
import { describeReplyControlContract } from './reply-control.contract.js';
import { redisInstances, silentLogger, uniqueReplyId } from './replies-test-kit.js';

// Long enough that a local pub/sub round trip under a loaded test run always fits.
const ACK_MS = 1_000;

describeReplyControlContract('in-process', async () => {
  const control = new InProcessReplyControl(silentLogger);
  return { control, other: control, ackMs: ACK_MS };
});

const redis = redisInstances('control');

/** A new instance's control, subscribed, closed after the test. */
async function redisControl(name = 'control'): Promise<RedisReplyControl> {
  const control = new RedisReplyControl(await redis.client(), silentLogger, {
    ackMs: ACK_MS,
    connectionName: `${redis.connectionName}:${name}`,
  });
  redis.closeAfterTest(() => control.close());
  await control.ready();
  return control;
}

describeReplyControlContract('Redis pub/sub', async () => {
  const [control, other] = await Promise.all([redisControl(), redisControl()]);
  return { control, other, ackMs: ACK_MS };
});

describe('RedisReplyControl', () => {
  it('waits out the ack window before answering false (no instance runs the reply)', async () => {
    const control = await redisControl();
    const started = performance.now();
    expect(await control.stop(uniqueReplyId(), 'stopped')).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(ACK_MS - 5);
  });

  it('listens for any number of replies on one subscriber connection per instance', async () => {
    const [one, two] = await Promise.all([redisControl('many'), redisControl('many')]);
    const replies = Array.from({ length: 50 }, () => uniqueReplyId());
    const stopped = new Set<string>();
    const unregister = replies.map((replyId) => one.onStop(replyId, () => stopped.add(replyId)));
    expect((await redis.connectionNames()).filter((name) => name.endsWith(':many'))).toHaveLength(2);
    expect(await Promise.all(replies.map((replyId) => two.stop(replyId, 'stopped')))).toEqual(
      replies.map(() => true),
    );
    expect(stopped.size).toBe(50);
    for (const off of unregister) off();
  });

  it('close answers a waiting stop with false and releases the subscriber connection', async () => {
    const shared = await redis.client();
    const control = new RedisReplyControl(shared, silentLogger, {
      ackMs: 60_000,
      connectionName: `${redis.connectionName}:closing`,
    });
    await control.ready();
    expect(await redis.connectionNames()).toContain(`${redis.connectionName}:closing`);
    const waiting = control.stop(uniqueReplyId(), 'stopped');
    await control.close();
    expect(await waiting).toBe(false);
    expect(await control.stop(uniqueReplyId(), 'stopped')).toBe(false);
    expect(await redis.connectionNames()).not.toContain(`${redis.connectionName}:closing`);
    expect(await shared.ping()).toBe('PONG');
  });

  it('ignores messages on its channels that are not stops of its own kind', async () => {
    const control = await redisControl();
    const replyId = uniqueReplyId();
    const heard: string[] = [];
    control.onStop(replyId, (reason) => heard.push(reason));
    const channel = `${redis.prefix}replies:stop`;
    await redis.raw.publish(channel, 'not json');
    await redis.raw.publish(
      channel,
      JSON.stringify({ stopId: 'x', replyId, reason: 'bored', from: 'elsewhere' }),
    );
    // A well-formed stop sent after them: once it has arrived, the others were dropped.
    await redis.raw.publish(
      channel,
      JSON.stringify({ stopId: 'y', replyId, reason: 'stopped', from: 'elsewhere' }),
    );
    await new Promise<void>((resolve) => {
      const check = () => (heard.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    expect(heard).toEqual(['stopped']);
  });
});
