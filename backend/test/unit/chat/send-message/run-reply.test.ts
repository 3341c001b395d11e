import { describe, expect, it, vi } from 'vitest';
import {
  isFinalReplyEvent,
  type ReplyLog,
} from '../../../../src/application/chat/send-message/ports/reply-log.port.js';
import { finalEventOf } from '../../../../src/application/chat/send-message/reply-endings.js';
import { ModelError, ModelTimeout } from '../../../../src/infrastructure/llm/provider-failures.js';
import { ALICE, collect, sendSliceWorld, typesOf, type SendSliceWorld } from './send-slice-world.js';

/** Sends, lets the reply run to its end, and returns what it left: the row, the log, the unit. */
async function ended(w: SendSliceWorld, sent: { replyId: string }) {
  await w.running.drain();
  const log = await w.logOf(sent.replyId);
  return {
    row: w.replyOf(sent),
    log,
    finals: log.filter((e) => isFinalReplyEvent(e.event)),
    used: await w.dailyUsed(),
  };
}

async function sendHeld(w: SendSliceWorld, holdAt: number) {
  w.model.script = { deltas: ['Hello', ', ', 'world'], holdAt };
  const s = await w.session();
  const sent = await w.started(s.id);
  await w.model.holding();
  return sent;
}

describe('RunReply: one final status per way a reply ends (API.md)', () => {
  it('completed: complete, the text and the usage, message.completed as the one final event; the unit is kept', async () => {
    const w = sendSliceWorld();
    w.model.script = { deltas: ['Hello', ', ', 'world'], usage: { promptTokens: 9, completionTokens: 3 } };
    const sent = await w.started((await w.session()).id);
    const { row, log, finals, used } = await ended(w, sent);
    expect(row).toMatchObject({
      status: 'complete',
      content: 'Hello, world',
      errorCode: null,
      finishReason: 'stop',
      tokenCount: 3,
      tokenCountEstimated: false,
      lastEventId: 4,
    });
    expect(typesOf(log)).toEqual([
      'reply.started',
      'message.delta',
      'message.delta',
      'message.delta',
      'message.completed',
    ]);
    expect(finals).toEqual([
      {
        id: 4,
        event: {
          type: 'message.completed',
          message: expect.objectContaining({ status: 'complete', content: 'Hello, world' }),
          usage: { promptTokens: 9, completionTokens: 3 },
        },
      },
    ]);
    expect(used).toBe(1);
    expect(w.endedStatuses).toEqual(['complete']);
  });

  it('size cap: complete with finishReason max_length, and the upstream call is left', async () => {
    const w = sendSliceWorld({ maxReplyChars: 6 });
    const sent = await w.started((await w.session()).id);
    const { row, finals } = await ended(w, sent);
    expect(row).toMatchObject({
      status: 'complete',
      content: 'Hello, ',
      finishReason: 'max_length',
      tokenCountEstimated: true,
    });
    expect(finals.map((e) => e.event.type)).toEqual(['message.completed']);
    expect(w.model.calls[0]).toMatchObject({ leftEarly: true, sent: 2 });
  });

  it.each(['stopped', 'session_deleted'] as const)(
    '%s: cancelled with exactly the text produced, the model call aborted; the unit is kept',
    async (reason) => {
      const w = sendSliceWorld();
      const sent = await sendHeld(w, 2);
      expect(await w.control.stop(sent.replyId, reason)).toBe(true);
      const { row, finals, used } = await ended(w, sent);
      expect(row).toMatchObject({ status: 'cancelled', errorCode: reason, content: 'Hello, ' });
      expect(finals).toHaveLength(1);
      expect(finals[0]!.event).toMatchObject({ type: 'message.completed', message: { status: 'cancelled' } });
      expect(w.model.calls[0]!.aborted).toBe(true);
      expect(used).toBe(1);
      expect(w.events.typesFor(ALICE.id).at(-1)).toBe('reply.ended');
    },
  );

  it('chat switched off for the user, heard on the ChangeFeed: cancelled / feature_disabled at once; the unit is kept when there was text', async () => {
    const w = sendSliceWorld();
    const sent = await sendHeld(w, 2);
    // Another user's change makes nobody here look.
    await w.changes.publish({ kind: 'user', id: 'someone-else' });
    expect(w.access.checks).toBe(0);
    w.access.enabled = false;
    await w.changes.publish({ kind: 'feature', id: 'chat' });
    const { row, finals, used } = await ended(w, sent);
    expect(row).toMatchObject({ status: 'cancelled', errorCode: 'feature_disabled', content: 'Hello, ' });
    expect(finals.map((e) => e.event.type)).toEqual(['message.completed']);
    expect(used).toBe(1);
  });

  it('chat switched off before any text, found by the periodic look: cancelled / feature_disabled, and the unit comes back', async () => {
    const w = sendSliceWorld({ accessCheckMs: 5 });
    const sent = await sendHeld(w, 0);
    w.access.enabled = false;
    const { row, used } = await ended(w, sent);
    expect(row).toMatchObject({ status: 'cancelled', errorCode: 'feature_disabled', content: '' });
    expect(used).toBe(0);
    expect(w.events.typesFor(ALICE.id).slice(-2)).toEqual(['reply.ended', 'quota.changed']);
  });

  it.each([
    [
      'a model error after text',
      new ModelError('cut', { kind: 'unreachable', partial: true }),
      2,
      'interrupted',
      'llm_error',
      1,
    ],
    [
      'a model error before text',
      new ModelError('down', { kind: 'upstream_error', partial: false }),
      0,
      'error',
      'llm_error',
      0,
    ],
    [
      'the total timeout after text',
      new ModelTimeout('max_duration', true, 1_000),
      1,
      'interrupted',
      'llm_timeout',
      1,
    ],
    ['the first-token timeout', new ModelTimeout('first_token', false, 1_000), 0, 'error', 'llm_timeout', 0],
    ['an unexpected error', new Error('boom'), 0, 'error', 'internal_error', 0],
  ] as const)(
    '%s: %s / %s, an error event with the failure; the unit back only without text',
    async (_what, failure, failAfter, status, code, used) => {
      const w = sendSliceWorld();
      w.model.script = { deltas: ['Hello', ', ', 'world'], failure, failAfter };
      const sent = await w.started((await w.session()).id);
      const result = await ended(w, sent);
      expect(result.row).toMatchObject({ status, errorCode: code });
      expect(result.finals).toHaveLength(1);
      expect(result.finals[0]!.event).toMatchObject({ type: 'error', status, failure: { code } });
      expect(result.used).toBe(used);
      expect(w.logger.lines.some((l) => l.level === 'error')).toBe(code === 'internal_error');
    },
  );

  it.each([
    ['with text', 1, 'Hello', 1],
    ['before any text', 0, '', 0],
  ] as const)(
    'shutdown past its grace period %s: interrupted / shutdown, an error event 503',
    async (_what, holdAt, content, used) => {
      const w = sendSliceWorld();
      const sent = await sendHeld(w, holdAt);
      w.running.interruptAll();
      const result = await ended(w, sent);
      expect(result.row).toMatchObject({ status: 'interrupted', errorCode: 'shutdown', content });
      expect(result.finals[0]!.event).toMatchObject({
        type: 'error',
        failure: { code: 'service_unavailable', details: { reason: 'shutdown' } },
      });
      expect(result.used).toBe(used);
    },
  );
});

describe('RunReply: the run belongs to the reply', () => {
  it('goes on to the end when its reader goes away', async () => {
    const w = sendSliceWorld();
    const gone = new AbortController();
    w.model.script = { deltas: ['a', 'b', 'c'], holdAt: 1 };
    const s = await w.session();
    const sent = await w.send.execute({ user: ALICE, sessionId: s.id, content: 'hi' }, gone.signal);
    if (sent.kind !== 'started') throw new Error('not started');
    const seen: string[] = [];
    for await (const { event } of sent.events) {
      seen.push(event.type);
      if (event.type === 'message.delta') gone.abort();
    }
    expect(seen).toEqual(['reply.started', 'message.delta']);
    w.model.release();
    const { row } = await ended(w, sent);
    expect(row).toMatchObject({ status: 'complete', content: 'abc' });
    expect(w.model.calls[0]!.aborted).toBe(false);
  });

  it('stops without a word when someone else ended the reply (the log refuses its next event)', async () => {
    const w = sendSliceWorld();
    const sent = await sendHeld(w, 2);
    const abandoned = await w.chatExchanges.abandon(
      w.replyOf(sent),
      { status: 'cancelled', errorCode: 'stopped' },
      w.clock.now(),
    );
    await w.log.append(sent.replyId, finalEventOf(abandoned!));
    const told = w.events.published.length;
    w.model.release();
    const { row, finals } = await ended(w, sent);
    expect(row).toMatchObject({ status: 'cancelled', errorCode: 'stopped' });
    expect(finals).toHaveLength(1);
    // The refusal ends the upstream request.
    expect(w.model.calls[0]!.aborted).toBe(true);
    expect(w.events.published.length).toBe(told);
  });

  it('saves its text about every interval, with the id of the last event the text includes', async () => {
    const w = sendSliceWorld();
    const sent = await sendHeld(w, 2);
    await vi.waitFor(() => expect(w.replyOf(sent)).toMatchObject({ content: 'Hello, ', lastEventId: 2 }));
    expect(w.replyOf(sent).status).toBe('streaming');
    w.model.release();
    await w.running.drain();
  });

  it('a log that cannot be written ends the reply as service_unavailable, and says so in the log', async () => {
    const w = sendSliceWorld();
    w.model.script = { deltas: ['Hello', ', ', 'world'], holdAt: 1 };
    const appendMany = w.log.appendMany.bind(w.log);
    let broken = false;
    (w.log as ReplyLog).appendMany = async (replyId, events) => {
      if (broken) throw new Error('Redis went away');
      return appendMany(replyId, events);
    };
    const sent = await w.started((await w.session()).id);
    await w.model.holding();
    broken = true;
    w.model.release();
    const { row, finals } = await ended(w, sent);
    expect(row).toMatchObject({ status: 'interrupted', errorCode: 'service_unavailable', content: 'Hello' });
    expect(finals[0]!.event).toMatchObject({ type: 'error', failure: { code: 'service_unavailable' } });
    expect(w.model.calls[0]!.aborted).toBe(true);
  });

  it('when its final event cannot be written, the row is ended and the loss is logged', async () => {
    const w = sendSliceWorld();
    const append = w.log.append.bind(w.log);
    (w.log as ReplyLog).append = async (replyId, event) => {
      if (isFinalReplyEvent(event)) throw new Error('Redis went away');
      return append(replyId, event);
    };
    const sent = await w.started((await w.session()).id);
    const { row, finals } = await ended(w, sent);
    expect(row.status).toBe('complete');
    expect(finals).toEqual([]);
    expect(w.logger.lines).toContainEqual({ level: 'error', msg: 'could not end a reply' });
  });

  it('when the row cannot be ended (database down), it stays streaming for the sweeper, with no final event', async () => {
    const w = sendSliceWorld();
    w.chatExchanges.close = () => Promise.reject(new Error('database down'));
    const sent = await w.started((await w.session()).id);
    const { row, finals } = await ended(w, sent);
    expect(row.status).toBe('streaming');
    expect(finals).toEqual([]);
    expect(w.logger.lines).toContainEqual({ level: 'error', msg: 'could not end a reply' });
  });

  it('keeps going when a look at chat access fails, and looks again after a look asked for meanwhile', async () => {
    const w = sendSliceWorld();
    const sent = await sendHeld(w, 1);
    let calls = 0;
    let finish!: (enabled: boolean) => void;
    w.access.chatEnabledFor = () => {
      calls++;
      if (calls === 1) return Promise.reject(new Error('database down'));
      return new Promise<boolean>((resolve) => (finish = resolve));
    };
    await w.changes.publish({ kind: 'cohort', id: 'c' });
    await vi.waitFor(() => expect(w.logger.lines.some((l) => l.level === 'warn')).toBe(true));
    await w.changes.publish({ kind: 'cohort', id: 'c' });
    await w.changes.publish({ kind: 'cohort', id: 'c' }); // while the second look is in flight
    expect(calls).toBe(2);
    finish(true);
    await vi.waitFor(() => expect(calls).toBe(3));
    finish(true);
    w.model.release();
    const { row } = await ended(w, sent);
    expect(row.status).toBe('complete');
  });

  it('a saved-progress failure is logged and the reply goes on', async () => {
    const w = sendSliceWorld();
    w.chatExchanges.saveProgress = () => Promise.reject(new Error('database busy'));
    const sent = await sendHeld(w, 2);
    await vi.waitFor(() =>
      expect(w.logger.lines).toContainEqual({ level: 'warn', msg: 'could not save reply progress' }),
    );
    w.model.release();
    expect((await ended(w, sent)).row.status).toBe('complete');
  });

  it('every reader, however late, gets the same events with the same ids', async () => {
    const w = sendSliceWorld();
    const sent = await sendHeld(w, 2);
    const early = collect(w.readers.open(w.replyOf(sent), -1));
    w.model.release();
    await w.running.drain();
    const late = await collect(w.readers.open(w.replyOf(sent), 1));
    expect((await early).map((e) => e.id)).toEqual([0, 1, 2, 3, 4]);
    expect(late.map((e) => e.id)).toEqual([2, 3, 4]);
  });
});
