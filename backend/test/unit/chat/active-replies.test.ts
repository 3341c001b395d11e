import { describe, expect, it } from 'vitest';
import { ActiveReplies } from '../../../src/application/chat/active-replies.js';

const S1 = '019a0000-0000-7000-8000-000000000001';
const S2 = '019a0000-0000-7000-8000-000000000002';

describe('ActiveReplies', () => {
  it('cancelSession aborts the replies of that session only', () => {
    const replies = new ActiveReplies();
    const aborted: string[] = [];
    replies.register(S1, () => aborted.push('s1'));
    replies.register(S2, () => aborted.push('s2'));
    replies.cancelSession(S1);
    expect(aborted).toEqual(['s1']);
  });

  it('cancelling a session with no reply does nothing', () => {
    const replies = new ActiveReplies();
    expect(() => replies.cancelSession(S1)).not.toThrow();
    expect(replies.size).toBe(0);
  });

  it('an unregistered reply is no longer aborted, and no longer counted', () => {
    const replies = new ActiveReplies();
    let aborted = 0;
    const unregister = replies.register(S1, () => aborted++);
    expect(replies.size).toBe(1);
    unregister();
    replies.cancelSession(S1);
    replies.cancelAll();
    expect(aborted).toBe(0);
    expect(replies.size).toBe(0);
  });

  it('cancelAll aborts every reply on the instance', () => {
    const replies = new ActiveReplies();
    const aborted: string[] = [];
    replies.register(S1, () => aborted.push('a'));
    replies.register(S2, () => aborted.push('b'));
    replies.cancelAll();
    expect(aborted.sort()).toEqual(['a', 'b']);
  });

  it('drain resolves once every registered reply has ended', async () => {
    const replies = new ActiveReplies();
    const end1 = replies.register(S1, () => {});
    const end2 = replies.register(S2, () => {});
    let drained = false;
    const draining = replies.drain().then(() => (drained = true));
    end1();
    await Promise.resolve();
    await Promise.resolve();
    expect(drained).toBe(false);
    end2();
    await draining;
    expect(drained).toBe(true);
    await replies.drain(); // nothing left: resolves at once
  });
});

describe('ActiveReplies when an abort throws', () => {
  it('still stops every other reply of the session', () => {
    const replies = new ActiveReplies();
    let stopped = 0;
    replies.register('s', () => {
      throw new Error('boom');
    });
    replies.register('s', () => void stopped++);
    expect(() => replies.cancelSession('s')).not.toThrow();
    expect(stopped).toBe(1);
  });
});
