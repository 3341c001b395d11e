import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UserEvent, UserEvents } from '../../../src/application/ports/user-events.port.js';
import type { ChatSession } from '../../../src/domain/chat/chat-session.entity.js';
import type { ChatMessage } from '../../../src/domain/chat/message.js';

export interface UserEventsHarness {
  /** The feed of the instance where the user's tabs are connected. */
  readonly events: UserEvents;
  /** Another instance's feed (in-process: the same one; there is no other). */
  readonly other: UserEvents;
}

export const uniqueUserId = () => `user-${randomBytes(6).toString('hex')}`;

const AT = new Date('2026-11-22T10:00:00.000Z');

export function sessionOf(userId: string, title = 'Trip to Lisbon'): ChatSession {
  return {
    id: `session-${randomBytes(4).toString('hex')}`,
    userId,
    title,
    titleSource: 'user',
    createdAt: AT,
    updatedAt: new Date(AT.getTime() + 1_000),
    lastActivityAt: AT,
    messageCount: 2,
    deletedAt: null,
  };
}

function messageIn(session: ChatSession): ChatMessage {
  // Asserted, not annotated: the message entity grows fields (a reply's lastEventId) that this
  // suite does not care about.
  return {
    id: `message-${randomBytes(4).toString('hex')}`,
    sessionId: session.id,
    role: 'user',
    content: 'Hello {"$date": "not a date"} ✓',
    status: 'complete',
    tokenCount: 3,
    tokenCountEstimated: false,
    model: null,
    finishReason: null,
    errorCode: null,
    lastEventId: null,
    createdAt: AT,
    updatedAt: AT,
  } as ChatMessage;
}

/** What one listener heard, with a way to wait for the n-th event without sleeping. */
export function heardBy(events: UserEvents, userId: string) {
  const heard: UserEvent[] = [];
  const waiters: (() => void)[] = [];
  const unsubscribe = events.subscribe(userId, (event) => {
    heard.push(event);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    heard,
    unsubscribe,
    /** Resolves once `n` events have arrived. */
    until(n: number): Promise<void> {
      return new Promise((resolve) => {
        const check = () => (heard.length >= n ? resolve() : waiters.push(check));
        check();
      });
    },
  };
}

/**
 * What every UserEvents adapter must do: an event reaches every listener of its user on every
 * instance, intact (Dates as Dates), in publish order, and never anyone else.
 */
export function describeUserEventsContract(name: string, create: () => Promise<UserEventsHarness>): void {
  describe(`UserEvents contract: ${name}`, () => {
    let h: UserEventsHarness;
    beforeEach(async () => {
      h = await create();
    });

    it('delivers every kind of event published on another instance, intact and in order', async () => {
      const alice = uniqueUserId();
      const session = sessionOf(alice);
      const message = messageIn(session);
      const sent: UserEvent[] = [
        { type: 'session.created', session },
        { type: 'session.updated', session: { ...session, title: 'Renamed' } },
        { type: 'session.message_added', sessionId: session.id, message, replyId: 'reply-1' },
        { type: 'reply.ended', sessionId: session.id, messageId: 'reply-1', status: 'complete' },
        { type: 'session.deleted', sessionId: session.id },
        { type: 'session.restored', session: { ...session, deletedAt: null } },
        { type: 'features.changed', chat: false, featureReason: 'paused' },
        { type: 'quota.changed' },
      ];
      const tab = heardBy(h.events, alice);
      for (const event of sent) await h.other.publish(alice, event);
      await tab.until(sent.length);
      expect(tab.heard).toEqual(sent);
      const created = tab.heard[0] as Extract<UserEvent, { type: 'session.created' }>;
      expect(created.session.createdAt).toBeInstanceOf(Date);
      tab.unsubscribe();
    });

    it('delivers to the listeners on the publishing instance too', async () => {
      const alice = uniqueUserId();
      const tab = heardBy(h.other, alice);
      await h.other.publish(alice, { type: 'quota.changed' });
      await tab.until(1);
      expect(tab.heard).toEqual([{ type: 'quota.changed' }]);
      tab.unsubscribe();
    });

    it('reaches every tab of the user, and never another user', async () => {
      const [alice, bob] = [uniqueUserId(), uniqueUserId()];
      const [first, second, bobs] = [
        heardBy(h.events, alice),
        heardBy(h.events, alice),
        heardBy(h.events, bob),
      ];
      await h.other.publish(bob, { type: 'session.deleted', sessionId: 'bobs' });
      await h.other.publish(alice, { type: 'session.deleted', sessionId: 'alices' });
      await Promise.all([first.until(1), second.until(1), bobs.until(1)]);
      expect(first.heard).toEqual([{ type: 'session.deleted', sessionId: 'alices' }]);
      expect(second.heard).toEqual(first.heard);
      expect(bobs.heard).toEqual([{ type: 'session.deleted', sessionId: 'bobs' }]);
      for (const tab of [first, second, bobs]) tab.unsubscribe();
    });

    it('stops delivering to a listener that unsubscribed, and only to it', async () => {
      const alice = uniqueUserId();
      const [leaving, staying] = [heardBy(h.events, alice), heardBy(h.events, alice)];
      leaving.unsubscribe();
      leaving.unsubscribe(); // twice is harmless
      await h.other.publish(alice, { type: 'quota.changed' });
      // Once the tab that stayed has it, the one that left would have had it too.
      await staying.until(1);
      expect(leaving.heard).toEqual([]);
      staying.unsubscribe();
    });

    it('a listener that throws does not keep the event from the others', async () => {
      const alice = uniqueUserId();
      const unsubscribeFailing = h.events.subscribe(alice, () => {
        throw new Error('listener failed');
      });
      const tab = heardBy(h.events, alice);
      await h.other.publish(alice, { type: 'quota.changed' });
      await h.other.publish(alice, { type: 'quota.changed' });
      await tab.until(2);
      expect(tab.heard).toHaveLength(2);
      unsubscribeFailing();
      tab.unsubscribe();
    });
  });
}
