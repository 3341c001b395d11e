import { describe, expect, it } from 'vitest';
import {
  FROM_THE_START,
  ReplyLogMissing,
  type LoggedReplyEvent,
  type ReplyLog,
  type ReplyReader,
} from '../../../src/application/chat/send-message/ports/reply-log.port.js';
import { InProcessReplyLog } from '../../../src/infrastructure/replies/in-process-reply-log.adapter.js';
import {
  RedisReplyLog,
  type RedisReplyLogOptions,
} from '../../../src/infrastructure/replies/redis-reply-log.adapter.js';
import { TestClock } from '../../support/test-clock.js';
import { describeReplyLogContract } from './reply-log.contract.js';
import { redisInstances, silentLogger, uniqueReplyId } from './replies-test-kit.js';

const BATCH = 16;
const TTL_S = 1;

describeReplyLogContract('in-process', async () => {
  const clock = new TestClock(new Date('2031-05-05T10:00:00.000Z'));
  const log = new InProcessReplyLog({ ttlSeconds: TTL_S, batchSize: BATCH, clock });
  return {
    log,
    other: log, // one process, one instance
    batchSize: BATCH,
    async expectKeptWhileRunning(replyId) {
      clock.advance(24 * 3_600_000);
      expect(await log.exists(replyId)).toBe(true);
    },
    async outlive(replyId) {
      clock.advance(TTL_S * 1000 - 1);
      expect(await log.exists(replyId)).toBe(true);
      clock.advance(1);
    },
  };
});

describe('InProcessReplyLog', () => {
  it('close ends waiting readers quietly and forgets every log', async () => {
    const log = new InProcessReplyLog({ ttlSeconds: TTL_S });
    const replyId = await startedReply(log);
    const reader = await waitingReader(log, replyId);
    await log.close();
    await reader.done;
    expect(reader.events.map((e) => e.id)).toEqual([0]);
    expect(await log.exists(replyId)).toBe(false);
  });
});

const redis = redisInstances('log');
const logKey = (replyId: string) => `${redis.prefix}reply-log:${replyId}`;

/** A new instance's log, closed after the test. A long block period: no test passes because a blocking read timed out. */
async function redisLog(options: Partial<RedisReplyLogOptions> = {}): Promise<RedisReplyLog> {
  const log = new RedisReplyLog(await redis.client(), silentLogger, {
    ttlSeconds: TTL_S,
    batchSize: BATCH,
    blockMs: 60_000,
    connectionName: `${redis.connectionName}:watch`,
    ...options,
  });
  redis.closeAfterTest(() => log.close());
  return log;
}

describeReplyLogContract('Redis Streams', async () => {
  const [log, other] = await Promise.all([redisLog(), redisLog()]);
  return {
    log,
    other,
    batchSize: BATCH,
    async expectKeptWhileRunning(replyId) {
      // Only the idle guard of a day: nothing that could end a reply's log while it runs.
      expect(await redis.raw.pttl(logKey(replyId))).toBeGreaterThan(23 * 3_600_000);
    },
    async outlive(replyId) {
      const pttl = await redis.raw.pttl(logKey(replyId));
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(TTL_S * 1000);
      // Redis expires on its own clock, which a test cannot move: watch the key go (bounded).
      const deadline = performance.now() + 5_000;
      while ((await redis.raw.exists(logKey(replyId))) === 1) {
        expect(performance.now(), 'the log is still there 5 s later').toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
});

/** Starts a reader and waits until it has read everything there is and waits for more. */
async function waitingReader(log: ReplyLog, replyId: string, afterId = FROM_THE_START) {
  const events: LoggedReplyEvent[] = [];
  const reader: ReplyReader = log.follow(replyId, afterId);
  const done = (async () => {
    for await (const event of reader) events.push(event);
  })();
  const lastId = (await log.read(replyId, FROM_THE_START, 1_000))!.at(-1)!.id;
  while (events.at(-1)?.id !== lastId) await new Promise((resolve) => setImmediate(resolve));
  return { events, done };
}

async function startedReply(log: ReplyLog): Promise<string> {
  const replyId = uniqueReplyId();
  await log.append(replyId, {
    type: 'message.delta',
    messageId: replyId,
    content: 'refused: no start yet',
  });
  const started = await log.append(replyId, {
    type: 'reply.started',
    message: {
      id: replyId,
      sessionId: 's',
      role: 'assistant',
      content: '',
      status: 'streaming',
      tokenCount: 0,
      tokenCountEstimated: false,
      model: null,
      finishReason: null,
      errorCode: null,
      lastEventId: 0,
      createdAt: '2031-05-05T10:00:00.000Z',
      updatedAt: '2031-05-05T10:00:00.000Z',
    },
  });
  expect(started).toBe(0);
  return replyId;
}

const finalEvent = (replyId: string) => ({
  type: 'error' as const,
  messageId: replyId,
  status: 'error' as const,
  failure: { code: 'llm_error', message: 'The model failed.', details: {} },
});

describe('RedisReplyLog', () => {
  it('stores event n under the stream id <n>-1, one JSON field each, in the prefixed key', async () => {
    const log = await redisLog();
    const replyId = await startedReply(log);
    await log.append(replyId, { type: 'message.delta', messageId: replyId, content: 'Hi' });
    const entries = await redis.raw.xrange(logKey(replyId), '-', '+');
    expect(entries.map(([id]) => id)).toEqual(['0-1', '1-1']);
    expect(entries[1]![1]).toEqual([
      'e',
      JSON.stringify({ type: 'message.delta', messageId: replyId, content: 'Hi' }),
      'f',
      '0',
    ]);
  });

  it('follows any number of streams and readers over one blocking connection per instance', async () => {
    const [one, two] = await Promise.all([redisLog(), redisLog()]);
    const replies = await Promise.all(Array.from({ length: 10 }, () => startedReply(one)));
    const readers = [];
    for (const replyId of replies) {
      for (const log of [one, two, two]) readers.push(await waitingReader(log, replyId));
    }
    // 30 waiting readers, 20 followed streams, two instances: two blocking connections.
    expect((await redis.connectionNames()).filter((name) => name.endsWith(':watch'))).toHaveLength(2);

    for (const replyId of replies) await two.append(replyId, finalEvent(replyId));
    await Promise.all(readers.map((r) => r.done));
    expect(readers.every((r) => r.events.map((e) => e.id).join() === '0,1')).toBe(true);
  });

  it('lets waiting readers look for themselves after each block period: a log deleted under them ends them with ReplyLogMissing', async () => {
    const log = await redisLog({ blockMs: 100 });
    const replyId = await startedReply(log);
    const reader = await waitingReader(log, replyId);
    await redis.raw.del(logKey(replyId));
    await expect(reader.done).rejects.toBeInstanceOf(ReplyLogMissing);
  });

  it('close ends waiting readers quietly and releases the blocking connection; the shared client stays open', async () => {
    const shared = await redis.client();
    const log = new RedisReplyLog(shared, silentLogger, {
      ttlSeconds: TTL_S,
      connectionName: `${redis.connectionName}:closing`,
    });
    const replyId = await startedReply(log);
    const reader = await waitingReader(log, replyId);
    expect(await redis.connectionNames()).toContain(`${redis.connectionName}:closing`);
    await log.close();
    await reader.done;
    expect(reader.events.map((e) => e.id)).toEqual([0]);
    expect(await redis.connectionNames()).not.toContain(`${redis.connectionName}:closing`);
    expect(await shared.exists(`reply-log:${replyId}`)).toBe(1);
  });
});
