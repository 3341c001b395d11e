import { describe, expect, it, vi } from 'vitest';
import { FreshChatAccess } from '../../../../src/application/chat/send-message/fresh-chat-access.js';
import {
  FROM_THE_START,
  type ReplyLog,
} from '../../../../src/application/chat/send-message/ports/reply-log.port.js';
import {
  failureFor,
  failureOf,
  finalEventOf,
  replyEnding,
} from '../../../../src/application/chat/send-message/reply-endings.js';
import { withRetries } from '../../../../src/application/chat/send-message/reply-run-helpers.js';
import {
  LocalReplyFeed,
  RunningReplies,
} from '../../../../src/application/chat/send-message/running-replies.js';
import { ReplyNotRunning } from '../../../../src/domain/chat/chat-errors.js';
import type { ChatMessage } from '../../../../src/domain/chat/message.js';
import { NotFound } from '../../../../src/domain/shared/domain-error.js';
import { InProcessChangeFeed } from '../../../../src/infrastructure/changes/in-process-change-feed.adapter.js';
import {
  InMemoryCohortRepository,
  InMemoryFeatureRepository,
  InMemoryUserRepository,
} from '../../../support/fakes/in-memory-repositories.js';
import { ALICE, collect, sendSliceWorld, T0, typesOf, type SendSliceWorld } from './send-slice-world.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

async function heldReply(w: SendSliceWorld, holdAt = 2) {
  w.model.script = { deltas: ['Hello', ', ', 'world'], holdAt };
  const s = await w.session();
  const sent = await w.started(s.id);
  await w.model.holding();
  return { s, sent, reply: w.replyOf(sent) };
}

describe('ReplyReaders', () => {
  it('a reader on the running instance that falls behind what the feed holds reads the rest from the log', async () => {
    const w = sendSliceWorld({ feedCapacity: 2 });
    w.model.script = { deltas: ['a', 'b', 'c', 'd', 'e', 'f'], holdAt: 5 };
    const s = await w.session();
    const sent = await w.started(s.id);
    // The run has written five deltas before this reader takes its first event; the feed holds two.
    await w.model.holding();
    expect(w.running.feedOf(sent.replyId)?.after(-1)).toBe('behind');
    const all = [];
    for await (const event of sent.events) {
      all.push(event);
      if (event.id === 5) w.model.release();
    }
    expect(all.map((e) => e.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers a reply whose log is gone from its stored row: its final event, without an id', async () => {
    const w = sendSliceWorld();
    const s = await w.session();
    const sent = await w.started(s.id);
    await w.running.drain();
    w.clock.advance(301_000); // past CHAT_REPLY_LOG_TTL_S
    expect(await w.log.exists(sent.replyId)).toBe(false);
    const events = await collect(w.readers.open(w.replyOf(sent), 3));
    expect(events).toEqual([
      {
        id: null,
        event: {
          type: 'message.completed',
          message: expect.objectContaining({ content: 'Hello, world' }),
          usage: null,
        },
      },
    ]);
  });

  it('waits for the log of a reply whose row streams but whose log is not there yet, then follows it', async () => {
    const w = sendSliceWorld();
    const { reply } = await heldReply(w);
    const orphan: ChatMessage = { ...reply, id: '019a0000-0000-7000-8000-0000000000ff' };
    w.chatMessages.messages.set(orphan.id, orphan);
    const reading = collect(w.readers.open(orphan, FROM_THE_START));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await w.log.append(orphan.id, {
      type: 'reply.started',
      message: { ...reply, id: orphan.id, createdAt: T0.toISOString(), updatedAt: T0.toISOString() },
    });
    await w.log.append(orphan.id, finalEventOf({ ...orphan, status: 'cancelled' }));
    expect(typesOf(await reading)).toEqual(['reply.started', 'message.completed']);
    w.model.release();
    await w.running.drain();
  });

  it('ends a reader of a row that is gone, and every reader at closeAll', async () => {
    const w = sendSliceWorld();
    const { reply } = await heldReply(w);
    expect(
      await collect(w.readers.open({ id: 'no-such-reply', sessionId: reply.sessionId }, FROM_THE_START)),
    ).toEqual([]);
    const reading = collect(w.readers.open(reply, 0));
    await new Promise((resolve) => setTimeout(resolve, 5));
    w.readers.closeAll();
    expect(typesOf(await reading)).toEqual(['message.delta', 'message.delta']);
    w.model.release();
    await w.running.drain();
  });

  it('lets a log failure through to its reader', async () => {
    const w = sendSliceWorld();
    const s = await w.session();
    const sent = await w.started(s.id);
    await w.running.drain();
    (w.log as ReplyLog).follow = () => ({
      buffered: 0,
      // eslint-disable-next-line require-yield
      async *[Symbol.asyncIterator]() {
        throw new Error('Redis went away');
      },
    });
    await expect(collect(w.readers.open(w.replyOf(sent), FROM_THE_START))).rejects.toThrow('Redis went away');
  });
});

describe('LocalReplyFeed and RunningReplies', () => {
  const delta = (id: number) => ({
    id,
    event: { type: 'message.delta' as const, messageId: 'r', content: String(id) },
  });

  it('the feed holds its newest events only, says when a reader is behind, and wakes waiters', async () => {
    const feed = new LocalReplyFeed(2);
    expect(feed.after(-1)).toEqual([]);
    const waiting = feed.waitBeyond(-1);
    feed.push(delta(0));
    await waiting;
    feed.push(delta(1));
    feed.push(delta(2));
    expect(feed.after(-1)).toBe('behind');
    expect(feed.after(0)).toEqual([delta(1), delta(2)]);
    expect(feed.after(2)).toEqual([]);
    const aborted = new AbortController();
    const gone = feed.waitBeyond(2, aborted.signal);
    aborted.abort();
    await gone;
    const closing = feed.waitBeyond(2);
    feed.close();
    await closing;
    expect(feed.closed).toBe(true);
    await feed.waitBeyond(5);
  });

  it('counts its replies for metrics, drains, and keeps a later registration of the same reply', async () => {
    const counts: number[] = [];
    const running = new RunningReplies(new InProcessChangeFeed(), { changed: (n) => void counts.push(n) });
    const reply = { replyId: 'r', sessionId: 's', userId: 'u', interrupt() {}, recheckAccess() {} };
    const first = running.register(reply);
    const second = running.register(reply);
    first.unregister();
    expect(running.feedOf('r')).toBe(second.feed);
    expect(running.size).toBe(1);
    const drained = running.drain();
    second.unregister();
    await drained;
    expect(running.feedOf('r')).toBeUndefined();
    expect(counts).toEqual([1, 1, 1, 0]);
  });
});

describe('StopReply, FollowReply and the stopper', () => {
  it('stop: 404 unless an assistant reply of one of your live sessions; 409 once it has ended', async () => {
    const w = sendSliceWorld();
    const { s, sent } = await heldReply(w);
    expect(await rejection(w.stop.execute(ALICE.id, s.id, sent.userMessage.id))).toBeInstanceOf(NotFound);
    expect(await rejection(w.stop.execute('someone-else', s.id, sent.replyId))).toBeInstanceOf(NotFound);
    expect(
      await rejection(
        w.follow.execute({ userId: ALICE.id, sessionId: s.id, messageId: sent.userMessage.id, afterId: -1 }),
      ),
    ).toBeInstanceOf(NotFound);
    await w.stop.execute(ALICE.id, s.id, sent.replyId);
    await w.running.drain();
    expect(w.replyOf(sent)).toMatchObject({ status: 'cancelled', errorCode: 'stopped', content: 'Hello, ' });
    expect(await rejection(w.stop.execute(ALICE.id, s.id, sent.replyId))).toBeInstanceOf(ReplyNotRunning);
    const events = await collect(
      await w.follow.execute({ userId: ALICE.id, sessionId: s.id, messageId: sent.replyId, afterId: 1 }),
    );
    expect(typesOf(events)).toEqual(['message.delta', 'message.completed']);
  });

  it('a reply nobody runs any more (its instance died) is ended by the stop itself, with the text saved last, and one final event', async () => {
    const w = sendSliceWorld();
    const { s, sent } = await heldReply(w);
    await vi.waitFor(() => expect(w.replyOf(sent).lastEventId).toBe(2));
    // The instance is gone: its run no longer answers stops, and never ends the row.
    const orphan = { ...w.replyOf(sent), id: '019a0000-0000-7000-8000-0000000000aa' };
    w.chatMessages.messages.set(orphan.id, orphan);
    w.chatMessages.messages.set(sent.replyId, { ...w.replyOf(sent), status: 'cancelled' });
    await w.log.append(orphan.id, {
      type: 'reply.started',
      message: { ...orphan, createdAt: T0.toISOString(), updatedAt: T0.toISOString() },
    });
    const reading = collect(w.readers.open(orphan, 0));
    await w.stop.execute(ALICE.id, s.id, orphan.id);
    expect(w.chatMessages.messages.get(orphan.id)).toMatchObject({
      status: 'cancelled',
      errorCode: 'stopped',
      content: 'Hello, ',
    });
    expect(typesOf(await reading)).toEqual(['message.completed']);
    expect(w.events.published.at(-1)?.event).toEqual({
      type: 'reply.ended',
      sessionId: s.id,
      messageId: orphan.id,
      status: 'cancelled',
    });
    // A second stop finds it ended.
    expect(await rejection(w.stop.execute(ALICE.id, s.id, orphan.id))).toBeInstanceOf(ReplyNotRunning);
    w.model.release();
    await w.running.drain();
  });

  it('the stopper does nothing more when the row ended meanwhile, and logs a final event it could not write', async () => {
    const w = sendSliceWorld();
    const { sent, reply } = await heldReply(w);
    w.model.release();
    await w.running.drain();
    const told = w.events.published.length;
    await w.stopper.stop({ userId: ALICE.id, message: reply }, 'stopped');
    expect(w.events.published.length).toBe(told);

    const other = await heldReply(w);
    const orphan = { ...other.reply, id: '019a0000-0000-7000-8000-0000000000bb' };
    w.chatMessages.messages.set(orphan.id, orphan);
    (w.log as ReplyLog).append = () => Promise.reject(new Error('Redis went away'));
    await w.stopper.stop({ userId: ALICE.id, message: orphan }, 'session_deleted');
    expect(w.chatMessages.messages.get(orphan.id)).toMatchObject({
      status: 'cancelled',
      errorCode: 'session_deleted',
    });
    expect(w.logger.lines).toContainEqual({
      level: 'error',
      msg: 'a reply was ended, but its final event was not written',
    });
    expect(sent.replyId).not.toBe(orphan.id);
    w.model.release();
    await w.running.drain();
  });
});

describe('SweepStaleReplies', () => {
  it('ends replies not saved for CHAT_STALE_REPLY_MS as interrupted / instance_lost and writes their final error event', async () => {
    const w = sendSliceWorld();
    const { s, sent, reply } = await heldReply(w);
    const orphan = { ...reply, id: '019a0000-0000-7000-8000-0000000000cc', content: 'Saved', updatedAt: T0 };
    w.chatMessages.messages.set(orphan.id, orphan);
    await w.log.append(orphan.id, {
      type: 'reply.started',
      message: { ...orphan, createdAt: T0.toISOString(), updatedAt: T0.toISOString() },
    });
    const reading = collect(w.readers.open(orphan, 0));
    expect(await w.sweep.execute()).toBe(0);
    w.clock.advance(60_001);
    // The live run keeps saving; only the orphan is stale.
    w.chatMessages.messages.set(sent.replyId, { ...w.replyOf(sent), updatedAt: w.clock.now() });
    expect(await w.sweep.execute()).toBe(1);
    expect(w.chatMessages.messages.get(orphan.id)).toMatchObject({
      status: 'interrupted',
      errorCode: 'instance_lost',
      content: 'Saved',
    });
    const [final] = await reading;
    expect(final).toMatchObject({
      id: 1,
      event: {
        type: 'error',
        status: 'interrupted',
        failure: { code: 'service_unavailable', details: { reason: 'instance_lost' } },
      },
    });
    expect(w.events.published.at(-1)?.event).toEqual({
      type: 'reply.ended',
      sessionId: s.id,
      messageId: orphan.id,
      status: 'interrupted',
    });
    expect(w.logger.lines).toContainEqual({
      level: 'warn',
      msg: 'replies left by a lost instance ended as interrupted',
    });

    const lost = { ...reply, id: '019a0000-0000-7000-8000-0000000000dd', updatedAt: T0 };
    w.chatMessages.messages.set(lost.id, lost);
    (w.log as ReplyLog).append = () => Promise.reject(new Error('Redis went away'));
    expect(await w.sweep.execute()).toBe(1);
    expect(w.logger.lines).toContainEqual({
      level: 'error',
      msg: 'a reply was ended, but its final event was not written',
    });
    w.model.release();
    await w.running.drain();
  });
});

describe('reply endings and helpers', () => {
  it('a stored errorCode the table does not know is an internal error that names it', () => {
    expect(failureFor('something_new')).toEqual({
      code: 'internal_error',
      message: 'Something went wrong while writing this reply.',
      details: { reason: 'something_new' },
    });
    expect(failureFor(null)).toMatchObject({ code: 'internal_error', details: {} });
    expect(failureOf('not an error')).toMatchObject({ code: 'internal_error' });
    expect(replyEnding({ kind: 'completed', finishReason: 'length' }, true)).toMatchObject({
      status: 'complete',
      finishReason: 'length',
      refund: false,
    });
  });

  it('withRetries tries again, then gives up with the last error', async () => {
    let calls = 0;
    expect(await withRetries(async () => (++calls < 2 ? Promise.reject(new Error('no')) : 'yes'), 3, 1)).toBe(
      'yes',
    );
    await expect(withRetries(() => Promise.reject(new Error('never')), 2, 1)).rejects.toThrow('never');
  });
});

describe('FreshChatAccess', () => {
  it('reads the role, the flag and the cohorts afresh; off with the deployment switch, without the user or without the flag', async () => {
    const users = new InMemoryUserRepository();
    const features = new InMemoryFeatureRepository();
    const cohorts = new InMemoryCohortRepository();
    const access = new FreshChatAccess(users, features, cohorts, true);
    expect(await access.chatEnabledFor(ALICE.id)).toBe(false);
    users.users.set(ALICE.id, {
      ...ALICE,
      passwordHash: null,
      externalIdentity: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await access.chatEnabledFor(ALICE.id)).toBe(false);
    await features.save({
      key: 'chat',
      description: '',
      enabled: true,
      audience: { roles: [], cohortIds: ['beta'], userIds: [], percentage: 0 },
      updatedAt: T0,
      updatedBy: null,
    });
    expect(await access.chatEnabledFor(ALICE.id)).toBe(false);
    await cohorts.addMembers('beta', [ALICE.id]);
    expect(await access.chatEnabledFor(ALICE.id)).toBe(true);
    expect(await new FreshChatAccess(users, features, cohorts, false).chatEnabledFor(ALICE.id)).toBe(false);
  });
});
