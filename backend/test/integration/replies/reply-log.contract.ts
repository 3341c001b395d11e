import { beforeEach, describe, expect, it } from 'vitest';
import {
  FROM_THE_START,
  ReplyLogMissing,
  toLoggedMessage,
  type LoggedReplyEvent,
  type ReplyEvent,
  type ReplyLog,
  type ReplyReader,
} from '../../../src/application/chat/send-message/ports/reply-log.port.js';
import type { ChatMessage } from '../../../src/domain/chat/message.js';
import { deferred, uniqueReplyId } from './replies-test-kit.js';

export interface ReplyLogHarness {
  /** The log of one instance. */
  readonly log: ReplyLog;
  /** The log as another instance sees it (in-process: the same one; there is no other). */
  readonly other: ReplyLog;
  /** The batch size both were built with. */
  readonly batchSize: number;
  /** Asserts that the log of a running reply is not about to expire. */
  expectKeptWhileRunning(replyId: string): Promise<void>;
  /** Asserts that an ended log expires within the TTL, then lets that time pass. */
  outlive(replyId: string): Promise<void>;
}

const at = new Date('2031-05-05T10:00:00.000Z');

function message(replyId: string, status: ChatMessage['status'], content = ''): ChatMessage {
  return {
    id: replyId,
    sessionId: 'session-1',
    role: 'assistant',
    content,
    status,
    tokenCount: 0,
    tokenCountEstimated: false,
    model: 'fake-model',
    finishReason: status === 'complete' ? 'stop' : null,
    errorCode: null,
    lastEventId: status === 'streaming' ? 0 : null,
    createdAt: at,
    updatedAt: at,
  };
}

const started = (replyId: string): ReplyEvent => ({
  type: 'reply.started',
  message: toLoggedMessage(message(replyId, 'streaming')),
});
const delta = (replyId: string, n: number): ReplyEvent => ({
  type: 'message.delta',
  messageId: replyId,
  content: `piece ${n} `,
});
const completed = (replyId: string): ReplyEvent => ({
  type: 'message.completed',
  message: toLoggedMessage(message(replyId, 'complete', 'the whole text')),
  usage: { promptTokens: 12, completionTokens: 34 },
});
const failed = (replyId: string): ReplyEvent => ({
  type: 'error',
  messageId: replyId,
  status: 'interrupted',
  failure: {
    code: 'llm_timeout',
    message: 'The model did not answer in time.',
    details: { afterMs: 30_000 },
  },
});

const ids = (events: readonly LoggedReplyEvent[] | null) => events?.map((e) => e.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Appends `reply.started` and deltas 1..deltas; returns the reply id. */
async function running(log: ReplyLog, deltas: number): Promise<string> {
  const replyId = uniqueReplyId();
  expect(await log.append(replyId, started(replyId))).toBe(0);
  for (let n = 1; n <= deltas; n++) expect(await log.append(replyId, delta(replyId, n))).toBe(n);
  return replyId;
}

async function collect(reader: ReplyReader): Promise<LoggedReplyEvent[]> {
  const events: LoggedReplyEvent[] = [];
  for await (const event of reader) events.push(event);
  return events;
}

/** Reads in the background; `until(n)` resolves once n events have arrived. */
function consume(reader: ReplyReader) {
  const received: LoggedReplyEvent[] = [];
  let arrived = deferred();
  let ended = false;
  const done = (async () => {
    for await (const event of reader) {
      received.push(event);
      arrived.resolve();
    }
  })().finally(() => {
    ended = true;
    arrived.resolve();
  });
  return {
    received,
    done,
    async until(count: number): Promise<void> {
      while (received.length < count) {
        if (ended) {
          await done; // rethrows the reader's error, if that is why it ended
          throw new Error(`the reader ended after ${received.length} events, expected ${count}`);
        }
        arrived = deferred();
        await arrived.promise;
      }
    },
  };
}

/** What every ReplyLog must do (ARCHITECTURE.md, "a reply is a run, delivery is a reader"). */
export function describeReplyLogContract(name: string, create: () => Promise<ReplyLogHarness>): void {
  describe(`ReplyLog contract: ${name}`, () => {
    let h: ReplyLogHarness;
    beforeEach(async () => {
      h = await create();
    });

    it('numbers events per reply from 0 and reads them back in order, after any id', async () => {
      const replyId = await running(h.log, 5);
      const other = await running(h.log, 1); // another reply has its own numbering
      expect(await h.log.append(replyId, completed(replyId))).toBe(6);

      const all = await h.log.read(replyId, FROM_THE_START);
      expect(ids(all)).toEqual(range(0, 6));
      expect(all![0]!.event).toEqual(started(replyId));
      expect(all![3]!.event).toEqual(delta(replyId, 3));
      expect(all![6]!.event).toEqual(completed(replyId));
      expect(ids(await h.log.read(replyId, 2))).toEqual(range(3, 6));
      expect(ids(await h.log.read(replyId, 2, 2))).toEqual([3, 4]);
      expect(ids(await h.log.read(replyId, 6))).toEqual([]);
      expect(ids(await h.log.read(other, FROM_THE_START))).toEqual([0, 1]);
    });

    it('refuses what would break the numbering or a second ending: a second start, an event before the start, anything after the final event', async () => {
      const replyId = uniqueReplyId();
      expect(await h.log.append(replyId, delta(replyId, 1))).toBeNull();
      expect(await h.log.exists(replyId)).toBe(false);
      expect(await h.log.append(replyId, started(replyId))).toBe(0);
      expect(await h.log.append(replyId, started(replyId))).toBeNull();
      expect(await h.log.append(replyId, delta(replyId, 1))).toBe(1);
      expect(await h.log.append(replyId, failed(replyId))).toBe(2);
      expect(await h.other.append(replyId, delta(replyId, 2))).toBeNull();
      expect(await h.other.append(replyId, completed(replyId))).toBeNull();
      const events = await h.log.read(replyId, FROM_THE_START);
      expect(events?.map((e) => e.event.type)).toEqual(['reply.started', 'message.delta', 'error']);
      expect(events![2]!.event).toEqual(failed(replyId));
    });

    it('appends a batch in one step with consecutive ids, and refuses it whole where append would refuse its first event', async () => {
      const replyId = uniqueReplyId();
      expect(await h.log.appendMany(replyId, [delta(replyId, 1), delta(replyId, 2)])).toBeNull();
      expect(await h.log.exists(replyId)).toBe(false);
      expect(await h.log.appendMany(replyId, [started(replyId), delta(replyId, 1), delta(replyId, 2)])).toBe(
        0,
      );
      expect(await h.log.appendMany(replyId, [started(replyId), delta(replyId, 3)])).toBeNull();
      expect(await h.other.appendMany(replyId, [delta(replyId, 3), delta(replyId, 4)])).toBe(3);
      await h.expectKeptWhileRunning(replyId);
      expect(await h.log.appendMany(replyId, [delta(replyId, 5), completed(replyId)])).toBe(5);
      expect(await h.log.appendMany(replyId, [delta(replyId, 7)])).toBeNull();
      const events = await h.log.read(replyId, FROM_THE_START);
      expect(ids(events)).toEqual(range(0, 6));
      expect(events!.map((e) => e.event)).toEqual([
        started(replyId),
        delta(replyId, 1),
        delta(replyId, 2),
        delta(replyId, 3),
        delta(replyId, 4),
        delta(replyId, 5),
        completed(replyId),
      ]);
      await h.outlive(replyId);
      expect(await h.log.exists(replyId)).toBe(false);
    });

    it('takes a batch only in order: not empty, reply.started first, a final event last', async () => {
      const replyId = uniqueReplyId();
      await expect(h.log.appendMany(replyId, [])).rejects.toThrow(RangeError);
      await expect(h.log.appendMany(replyId, [delta(replyId, 1), started(replyId)])).rejects.toThrow(
        RangeError,
      );
      await expect(h.log.appendMany(replyId, [completed(replyId), delta(replyId, 1)])).rejects.toThrow(
        RangeError,
      );
      expect(await h.log.exists(replyId)).toBe(false);
    });

    it('resumes after any id n of an ended reply with exactly n+1.. to the final event (no gap, no repeat)', async () => {
      const replyId = await running(h.log, h.batchSize * 2 + 3); // several batches
      const finalId = (await h.log.append(replyId, completed(replyId)))!;
      for (let n = FROM_THE_START; n <= finalId; n++) {
        expect(ids(await collect(h.other.follow(replyId, n))), `after ${n}`).toEqual(range(n + 1, finalId));
      }
    });

    it('follows live appends from where the reader started, and ends right after the final event', async () => {
      const replyId = await running(h.log, 2);
      const reader = consume(h.other.follow(replyId, 0));
      await reader.until(2); // caught up: 1 and 2
      for (let n = 3; n <= 6; n++) {
        await h.log.append(replyId, delta(replyId, n));
        await reader.until(n); // each one arrives while the reader waits for it
      }
      await h.log.append(replyId, completed(replyId));
      await reader.done;
      expect(ids(reader.received)).toEqual(range(1, 7));
      expect(reader.received.at(-1)!.event.type).toBe('message.completed');
    });

    it('lets every instance append and follow the same log', async () => {
      const replyId = await running(h.other, 1);
      const onOne = consume(h.log.follow(replyId, FROM_THE_START));
      const onOther = consume(h.other.follow(replyId, FROM_THE_START));
      await Promise.all([onOne.until(2), onOther.until(2)]);
      expect(await h.log.append(replyId, delta(replyId, 2))).toBe(2);
      expect(await h.other.append(replyId, delta(replyId, 3))).toBe(3);
      expect(await h.log.append(replyId, failed(replyId))).toBe(4);
      await Promise.all([onOne.done, onOther.done]);
      expect(ids(onOne.received)).toEqual(range(0, 4));
      expect(ids(onOther.received)).toEqual(range(0, 4));
    });

    it('gives a reader that joins after the end what it lacks at once, and nothing to one that has everything', async () => {
      const replyId = await running(h.log, 3);
      await h.log.append(replyId, failed(replyId));
      const late = await collect(h.other.follow(replyId, 3));
      expect(late).toEqual([{ id: 4, event: failed(replyId) }]);
      expect(await collect(h.other.follow(replyId, 4))).toEqual([]);
      expect(await collect(h.other.follow(replyId, 99))).toEqual([]);
    });

    it('keeps a running log, and drops an ended one once its TTL has passed', async () => {
      const replyId = await running(h.log, 2);
      await h.expectKeptWhileRunning(replyId);
      expect(await h.log.exists(replyId)).toBe(true);
      await h.log.append(replyId, completed(replyId));
      expect(await h.other.exists(replyId)).toBe(true);
      await h.outlive(replyId);
      expect(await h.log.exists(replyId)).toBe(false);
      expect(await h.other.read(replyId, FROM_THE_START)).toBeNull();
      await expect(collect(h.other.follow(replyId, 1))).rejects.toBeInstanceOf(ReplyLogMissing);
    });

    it('tells a reader there is no log (never written) so that it answers from the stored message', async () => {
      const replyId = uniqueReplyId();
      expect(await h.log.exists(replyId)).toBe(false);
      expect(await h.log.read(replyId, FROM_THE_START)).toBeNull();
      const error = await collect(h.log.follow(replyId, FROM_THE_START)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReplyLogMissing);
      expect(error).toMatchObject({ replyId });
    });

    it('ends a waiting reader quietly when its signal aborts; the log goes on for the others', async () => {
      const replyId = await running(h.log, 1);
      const abort = new AbortController();
      const aborted = consume(h.other.follow(replyId, FROM_THE_START, { signal: abort.signal }));
      const staying = consume(h.other.follow(replyId, FROM_THE_START));
      await Promise.all([aborted.until(2), staying.until(2)]);
      abort.abort();
      await aborted.done;
      await h.log.append(replyId, delta(replyId, 2));
      await h.log.append(replyId, completed(replyId));
      await staying.done;
      expect(ids(aborted.received)).toEqual([0, 1]);
      expect(ids(staying.received)).toEqual(range(0, 3));
    });

    it('holds at most one batch for a reader that pauses during 2,000 appends, while another reader gets every event live', async () => {
      const replyId = await running(h.log, h.batchSize + 4);
      const paused = h.other.follow(replyId, FROM_THE_START);
      const pausedEvents = paused[Symbol.asyncIterator]();
      const first: number[] = [];
      for (let i = 0; i < 3; i++) first.push((await pausedEvents.next()).value!.id);
      expect(first).toEqual([0, 1, 2]);
      expect(paused.buffered).toBe(h.batchSize - 3); // the rest of its first batch

      const live = consume(h.log.follow(replyId, h.batchSize + 4));
      const appends = 2_000;
      let most = paused.buffered;
      for (let n = h.batchSize + 5; n < h.batchSize + 5 + appends; n++) {
        await h.log.append(replyId, delta(replyId, n));
        if (n % 100 === 0) {
          await live.until(n - h.batchSize - 4); // the other reader keeps up meanwhile
          most = Math.max(most, paused.buffered);
        }
      }
      const finalId = (await h.log.append(replyId, completed(replyId)))!;
      await live.done;
      expect(ids(live.received)).toEqual(range(h.batchSize + 5, finalId));
      expect(most).toBeLessThanOrEqual(h.batchSize);

      // Resumed: everything, in order, never holding more than a batch.
      const rest: number[] = [];
      for (let next = await pausedEvents.next(); !next.done; next = await pausedEvents.next()) {
        rest.push(next.value.id);
        most = Math.max(most, paused.buffered);
      }
      expect([...first, ...rest]).toEqual(range(0, finalId));
      expect(most).toBeLessThanOrEqual(h.batchSize);
      expect(paused.buffered).toBe(0);
    });
  });
}
