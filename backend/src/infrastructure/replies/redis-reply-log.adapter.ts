import type { Redis } from 'ioredis';
import type { Logger } from '../../application/ports/logger.port.js';
import {
  isFinalReplyEvent,
  type LoggedReplyEvent,
  type ReplyEvent,
} from '../../application/chat/send-message/ports/reply-log.port.js';
import {
  checkBatch,
  DEFAULT_BATCH_SIZE,
  PagedReplyLog,
  type ReplyLogPage,
  type ReplyLogWatch,
} from './paged-reply-log.js';
import { RedisStreamWatcher } from './redis-stream-watcher.js';

/*
 * One Redis stream per reply, `reply-log:<replyId>` (under the client's keyPrefix). Event n is
 * stored under the explicit stream id `<n>-1`: the event id is readable in the stream id (no
 * index to keep), "after event n" is the plain range from `<n+1>-0`, and XREAD from `<n>-1`
 * wakes on exactly the events a reader at n has not had. (`<n>-0` cannot be used: Redis
 * refuses the stream id 0-0, and event ids start at 0.)
 *
 * Appends (one event or a batch) run as one script, so several writers (the run, a stop that
 * nobody acknowledged, the sweeper) can never interleave: the next id comes from the newest entry, nothing is
 * added after the final event (that is what makes "exactly one final event" hold for every
 * reader), and the final event sets the expiry in the same step. While the reply runs the log
 * is never trimmed and carries only a long idle expiry, renewed by every append: it removes a
 * log whose instance and sweeper both vanished, never a live one.
 */
const APPEND_LUA = `
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
local id = 0
if newest then
  if ARGV[1] == '1' or newest[2][4] == '1' then return -1 end
  id = tonumber(string.match(newest[1], '^%d+')) + 1
elseif ARGV[1] ~= '1' then
  return -1
end
local first = id
local last = #ARGV
for i = 5, last do
  local final = (i == last and ARGV[2] == '1') and '1' or '0'
  redis.call('XADD', KEYS[1], string.format('%d-1', id), 'e', ARGV[i], 'f', final)
  id = id + 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[2] == '1' and ARGV[3] or ARGV[4])
return first
`;

interface ReplyLogCommands {
  /** Appends the events (JSON, in order) after the flags; the id of the first, or -1 when refused. */
  parleyReplyLogAppend(
    key: string,
    startsWithStarted: '0' | '1',
    endsWithFinal: '0' | '1',
    endedTtlMs: string,
    idleTtlMs: string,
    ...events: string[]
  ): Promise<number>;
}

type StreamEntry = [id: string, fields: string[]];

export interface RedisReplyLogOptions {
  /** How long a log stays after its final event (CHAT_REPLY_LOG_TTL_S). */
  readonly ttlSeconds: number;
  /** How long a log nobody appends to stays before its end (default a day): a leak guard only. */
  readonly idleTtlSeconds?: number;
  /** The most events a reader fetches (and holds) at a time. */
  readonly batchSize?: number;
  /** How long one blocking read waits before everyone looks again. */
  readonly blockMs?: number;
  /** The name of the blocking connection in CLIENT LIST. */
  readonly connectionName?: string;
}

/** The reply log shared by every instance: Redis Streams, read pull-wise, followed over one blocking connection. */
export class RedisReplyLog extends PagedReplyLog {
  private readonly redis: Redis & ReplyLogCommands;
  private readonly watcher: RedisStreamWatcher;
  private readonly endedTtlMs: string;
  private readonly idleTtlMs: string;

  /** `redis`: the shared client from createRedis (fails fast); may carry a keyPrefix. */
  constructor(redis: Redis, logger: Logger, options: RedisReplyLogOptions) {
    super(options.batchSize ?? DEFAULT_BATCH_SIZE);
    redis.defineCommand('parleyReplyLogAppend', { numberOfKeys: 1, lua: APPEND_LUA });
    this.redis = redis as Redis & ReplyLogCommands;
    this.endedTtlMs = String(Math.round(options.ttlSeconds * 1000));
    this.idleTtlMs = String(Math.round((options.idleTtlSeconds ?? 86_400) * 1000));
    this.watcher = new RedisStreamWatcher(redis, logger, {
      blockMs: options.blockMs,
      connectionName: options.connectionName,
    });
  }

  append(replyId: string, event: ReplyEvent): Promise<number | null> {
    return this.appendMany(replyId, [event]);
  }

  async appendMany(replyId: string, events: readonly ReplyEvent[]): Promise<number | null> {
    checkBatch(events);
    const id = await this.redis.parleyReplyLogAppend(
      logKey(replyId),
      events[0]!.type === 'reply.started' ? '1' : '0',
      isFinalReplyEvent(events.at(-1)!) ? '1' : '0',
      this.endedTtlMs,
      this.idleTtlMs,
      ...events.map((event) => JSON.stringify(event)),
    );
    return id < 0 ? null : id;
  }

  async exists(replyId: string): Promise<boolean> {
    return (await this.redis.exists(logKey(replyId))) === 1;
  }

  /** One atomic look: the batch and the newest entry, so "caught up" and "ended" agree with the batch. */
  async page(replyId: string, afterId: number, limit: number): Promise<ReplyLogPage | null> {
    const key = logKey(replyId);
    const results = await this.redis
      .multi()
      .xrange(key, `${afterId + 1}-0`, '+', 'COUNT', limit)
      .xrevrange(key, '+', '-', 'COUNT', 1)
      .exec();
    const [[rangeError, range] = [], [newestError, newestPage] = []] = results ?? [];
    if (rangeError || newestError || !results) throw rangeError ?? newestError ?? new Error('MULTI aborted');
    const newest = (newestPage as StreamEntry[])[0];
    if (!newest) return null;
    return {
      events: (range as StreamEntry[]).map(toLogged),
      lastId: eventId(newest[0]),
      ended: newest[1][3] === '1',
    };
  }

  watch(replyId: string): ReplyLogWatch {
    const watch = this.watcher.watch(logKey(replyId));
    return {
      waitBeyond: (afterId, lastId, signal) => watch.waitBeyond(streamId(afterId), streamId(lastId), signal),
      release: () => watch.release(),
    };
  }

  /** Ends every reader (quietly) and closes the blocking connection; the shared client stays open. */
  async close(): Promise<void> {
    this.isClosed = true;
    await this.watcher.close();
  }
}

function logKey(replyId: string): string {
  return `reply-log:${replyId}`;
}

function streamId(eventId: number): string {
  return eventId < 0 ? '0-0' : `${eventId}-1`;
}

function eventId(streamId: string): number {
  return Number.parseInt(streamId, 10);
}

function toLogged([id, fields]: StreamEntry): LoggedReplyEvent {
  return { id: eventId(id), event: JSON.parse(fields[1]!) as ReplyEvent };
}
