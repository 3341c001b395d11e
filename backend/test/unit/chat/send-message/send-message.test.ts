import { describe, expect, it } from 'vitest';
import {
  IdempotencyConflict,
  ReplyInProgress,
  TooManyRunningReplies,
} from '../../../../src/domain/chat/chat-errors.js';
import { QuotaExceeded } from '../../../../src/domain/limits/limit-errors.js';
import { ModelUnavailable } from '../../../../src/domain/chat/model-errors.js';
import { NotFound, ValidationFailed } from '../../../../src/domain/shared/domain-error.js';
import { ALICE, collect, sendSliceWorld, T0, typesOf, type SendSliceWorld } from './send-slice-world.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Makes every check of a send fail at once; `fix` undoes them one by one, in API.md's order. */
async function everythingWrong(w: SendSliceWorld) {
  const s = await w.session();
  // A reply in progress in this session, and the user at the running-reply cap (1 here).
  const first = await w.started(s.id, 'first');
  w.model.openFor = 7;
  // The daily quota (2 here) is used up by the first send and one more elsewhere.
  const other = await w.session();
  return {
    s,
    other,
    first,
    fix: {
      inProgress: () =>
        w.chatMessages.messages.set(first.replyId, { ...w.replyOf(first), sessionId: other.id }),
      cap: () => w.chatMessages.messages.set(first.replyId, { ...w.replyOf(first), status: 'cancelled' }),
      circuit: () => (w.model.openFor = undefined),
    },
  };
}

describe('SendMessage: the checks, in order', () => {
  it('answers with the first failing check and does no work after it (no quota, no model call, nothing stored)', async () => {
    const w = sendSliceWorld({ maxRunningReplies: 1, dailyQuota: 1 });
    w.model.script = { deltas: ['a', 'b'], holdAt: 1 };
    const { s, fix } = await everythingWrong(w);
    const stored = () => w.chatMessages.messages.size;
    const send = (content = 'again') => w.send.execute({ user: ALICE, sessionId: s.id, content });
    const before = { stored: stored(), calls: w.model.calls.length, used: await w.dailyUsed() };
    const nothingDone = async () => {
      expect(stored()).toBe(before.stored);
      expect(w.model.calls.length).toBe(before.calls);
      expect(await w.dailyUsed()).toBe(before.used);
    };

    expect(await rejection(send(''))).toBeInstanceOf(ValidationFailed);
    expect(
      await rejection(
        w.send.execute({ user: { ...ALICE, id: 'someone-else' }, sessionId: s.id, content: 'x' }),
      ),
    ).toBeInstanceOf(NotFound);
    expect(await rejection(send())).toBeInstanceOf(ReplyInProgress);
    await nothingDone();
    fix.inProgress();
    const capped = await rejection(send());
    expect(capped).toBeInstanceOf(TooManyRunningReplies);
    expect(capped).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 5, limit: 1 });
    await nothingDone();
    fix.cap();
    expect(await rejection(send())).toBeInstanceOf(ModelUnavailable);
    await nothingDone();
    fix.circuit();
    expect(await rejection(send())).toBeInstanceOf(QuotaExceeded);
    await nothingDone();
    w.model.release();
    await w.running.drain();
  });

  it('replays an earlier send with the same Idempotency-Key before the other checks; 409 while it runs, 422 for another request', async () => {
    const w = sendSliceWorld();
    w.model.script = { deltas: ['a', 'b'], holdAt: 1 };
    const s = await w.session();
    const keyed = (content: string) =>
      w.send.execute({ user: ALICE, sessionId: s.id, content, idempotencyKey: 'k-1' });
    const first = await keyed('once');
    expect(first.kind).toBe('started');
    expect(await rejection(keyed('once'))).toBeInstanceOf(IdempotencyConflict);
    w.model.release();
    await w.running.drain();
    const again = await keyed('once');
    expect(again).toMatchObject({
      kind: 'replay',
      userMessage: { content: 'once' },
      assistantMessage: { status: 'complete', content: 'ab' },
    });
    expect(await rejection(keyed('something else'))).toBeInstanceOf(ValidationFailed);
    expect(w.model.calls).toHaveLength(1);
    expect(await w.dailyUsed()).toBe(1);
  });

  it('a live key whose exchange is gone is not replayed; it cannot be used again until it expires, and the unit comes back', async () => {
    const w = sendSliceWorld();
    const s = await w.session();
    await w.send.execute({ user: ALICE, sessionId: s.id, content: 'one', idempotencyKey: 'k-2' });
    await w.running.drain();
    w.chatMessages.dropSession(s.id);
    expect(
      await rejection(
        w.send.execute({ user: ALICE, sessionId: s.id, content: 'one', idempotencyKey: 'k-2' }),
      ),
    ).toBeInstanceOf(IdempotencyConflict);
    expect(await w.dailyUsed()).toBe(1);
  });
});

describe('SendMessage: storing and starting', () => {
  it('stores both messages, takes a reply slot, starts the run and tells the other tabs; the reader gets the whole log', async () => {
    const w = sendSliceWorld();
    const s = await w.session();
    const sent = await w.started(s.id, '  Hello there  ');
    expect(sent.userMessage).toMatchObject({ content: 'Hello there', role: 'user', lastEventId: null });
    expect(sent.charge).toMatchObject({ unlimited: false, daily: { used: 1 } });
    const events = await collect(sent.events);
    expect(typesOf(events)).toEqual([
      'reply.started',
      'message.delta',
      'message.delta',
      'message.delta',
      'message.completed',
    ]);
    expect(events.map((e) => e.id)).toEqual([0, 1, 2, 3, 4]);
    expect(w.model.calls[0]!.request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
    ]);
    await w.running.drain();
    expect(w.replyOf(sent)).toMatchObject({ status: 'complete', content: 'Hello, world', lastEventId: 4 });
    expect(w.events.typesFor(ALICE.id)).toEqual([
      'session.message_added',
      'session.updated',
      'quota.changed',
      'reply.ended',
    ]);
    expect(w.events.published[0]!.event).toMatchObject({
      replyId: sent.replyId,
      message: { id: sent.userMessage.id },
    });
    expect(w.events.published[1]!.event).toMatchObject({
      session: { id: s.id, title: 'Hello there', messageCount: 2, lastActivityAt: T0 },
    });
  });

  it.each([
    ['the session lock', ReplyInProgress],
    ['the last reply slot', TooManyRunningReplies],
  ] as const)(
    'a send that loses the race for %s after taking its unit gives the unit back',
    async (_what, lost) => {
      const w = sendSliceWorld({ maxRunningReplies: 1 });
      const s = await w.session();
      const open = w.chatExchanges.open.bind(w.chatExchanges);
      // Another send lands between this one's read and its write.
      w.chatExchanges.open = async (exchange, now) => {
        const sessionId = lost === ReplyInProgress ? exchange.userMessage.sessionId : 'elsewhere';
        w.chatMessages.messages.set('rival', { ...exchange.assistantMessage, id: 'rival', sessionId });
        w.chatExchanges.slots.set('rival', { userId: ALICE.id, slot: lost === ReplyInProgress ? 2 : 1 });
        return open(exchange, now);
      };
      expect(await rejection(w.send.execute({ user: ALICE, sessionId: s.id, content: 'hi' }))).toBeInstanceOf(
        lost,
      );
      expect(await w.dailyUsed()).toBe(0);
      expect(w.model.calls).toHaveLength(0);
    },
  );

  it('a session deleted between the read and the write is not found, and the unit comes back', async () => {
    const w = sendSliceWorld();
    const s = await w.session();
    const open = w.chatExchanges.open.bind(w.chatExchanges);
    w.chatExchanges.open = async (exchange, now) => {
      await w.chatSessions.softDelete(s.id, now);
      return open(exchange, now);
    };
    expect(await rejection(w.send.execute({ user: ALICE, sessionId: s.id, content: 'hi' }))).toBeInstanceOf(
      NotFound,
    );
    expect(await w.dailyUsed()).toBe(0);
  });

  it('gives each running reply of the user its own slot, and the next send past the cap answers 429', async () => {
    const w = sendSliceWorld({ maxRunningReplies: 2 });
    w.model.script = { deltas: ['a', 'b'], holdAt: 1 };
    const [s1, s2, s3] = [await w.session(), await w.session(), await w.session()];
    const one = await w.started(s1.id);
    const two = await w.started(s2.id);
    await w.model.holding(2);
    expect([
      w.chatExchanges.slots.get(one.replyId)?.slot,
      w.chatExchanges.slots.get(two.replyId)?.slot,
    ]).toEqual([1, 2]);
    expect(
      await rejection(w.send.execute({ user: ALICE, sessionId: s3.id, content: 'three' })),
    ).toBeInstanceOf(TooManyRunningReplies);
    w.model.release();
    await w.running.drain();
    expect((await w.started(s3.id)).kind).toBe('started');
    await w.running.drain();
  });

  it('an admin is not charged and hears no quota change', async () => {
    const w = sendSliceWorld();
    const admin = { ...ALICE, id: '019a0000-0000-7000-8000-00000000ad00', role: 'admin' as const };
    const s = await w.session(admin);
    const sent = await w.started(s.id, 'hi', admin);
    expect(sent.charge).toEqual({ unlimited: true });
    await w.running.drain();
    expect(w.events.typesFor(admin.id)).not.toContain('quota.changed');
  });
});
