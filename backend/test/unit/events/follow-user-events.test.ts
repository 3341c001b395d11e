import { describe, expect, it } from 'vitest';
import { CreateSession } from '../../../src/application/chat/create-session.use-case.js';
import { FollowUserEvents } from '../../../src/application/events/follow-user-events.use-case.js';
import type { AuthenticatedUser } from '../../../src/application/identity/authenticated-user.js';
import type { UserEvent } from '../../../src/application/ports/user-events.port.js';
import { ChatFeatureStatus } from '../../../src/application/rollout/chat-feature-status.js';
import { FeatureEvaluator } from '../../../src/application/rollout/feature-evaluator.js';
import { createUser } from '../../../src/domain/identity/user.entity.js';
import { inMemoryRepositories, RecordingChangeFeed } from '../../support/fakes/in-memory-repositories.js';
import { RecordingUserEvents } from '../../support/fakes/recording-user-events.js';

const ALICE = '019a0000-0000-7000-8000-0000000a11ce';
const BOB = '019a0000-0000-7000-8000-000000000b0b';
const T0 = new Date('2026-11-22T10:00:00.000Z');

function world() {
  const repositories = inMemoryRepositories();
  const changes = new RecordingChangeFeed();
  const events = new RecordingUserEvents();
  const warnings: object[] = [];
  const logger = { debug() {}, info() {}, warn: (o: object) => warnings.push(o), error() {} };
  const evaluator = new FeatureEvaluator(repositories.features, repositories.cohorts, changes, {
    chat: true,
  });
  const access = new ChatFeatureStatus(evaluator, repositories.chatSessions);
  repositories.features.features.set('chat', {
    key: 'chat',
    description: '',
    enabled: true,
    audience: { roles: ['admin'], cohortIds: ['beta'], userIds: [], percentage: 0 },
    updatedAt: T0,
    updatedBy: null,
  });
  for (const id of [ALICE, BOB]) {
    repositories.users.users.set(
      id,
      createUser({
        id,
        email: `${id}@example.com`,
        displayName: 'Someone',
        role: 'user',
        passwordHash: null,
        now: T0,
      }),
    );
  }
  const follow = new FollowUserEvents(events, changes, repositories.users, access, logger);
  /** Follows as `userId`, collecting what the feed says, with a way to wait for the n-th event. */
  async function open(userId = ALICE) {
    const heard: UserEvent[] = [];
    const waiters: (() => void)[] = [];
    const caller: AuthenticatedUser = { id: userId, email: 'x@example.com', displayName: 'X', role: 'user' };
    const stop = await follow.execute(caller, (event) => {
      heard.push(event);
      for (const wake of waiters.splice(0)) wake();
    });
    const until = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (heard.length >= n ? resolve() : waiters.push(check));
        check();
      });
    return { heard, stop, until };
  }
  const setChat = (change: { enabled?: boolean; cohortIds?: string[] }) => {
    const chat = repositories.features.features.get('chat')!;
    repositories.features.features.set('chat', {
      ...chat,
      enabled: change.enabled ?? chat.enabled,
      audience: { ...chat.audience, cohortIds: change.cohortIds ?? chat.audience.cohortIds },
    });
    return changes.publish({ kind: 'feature', id: 'chat' });
  };
  /** Lets queued re-evaluations run to the end (in-memory repositories: promises only, no I/O). */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { repositories, changes, events, warnings, follow, open, setChat, settle };
}

describe('FollowUserEvents', () => {
  it('passes on the caller’s events, never another user’s, until stopped', async () => {
    const w = world();
    const feed = await w.open();
    await w.events.publish(BOB, { type: 'quota.changed' });
    await w.events.publish(ALICE, { type: 'session.deleted', sessionId: 's-1' });
    expect(feed.heard).toEqual([{ type: 'session.deleted', sessionId: 's-1' }]);
    feed.stop();
    await w.events.publish(ALICE, { type: 'quota.changed' });
    await w.setChat({ enabled: false });
    await w.settle();
    expect(feed.heard).toHaveLength(1);
  });

  it('says features.changed when the flag goes off and on, with the reason, and only then', async () => {
    const w = world();
    await w.repositories.cohorts.addMembers('beta', [ALICE]);
    const feed = await w.open();
    await w.setChat({ enabled: false });
    await feed.until(1);
    // The same answer again says nothing.
    await w.setChat({ enabled: false });
    await w.settle();
    await w.setChat({ enabled: true });
    await feed.until(2);
    expect(feed.heard).toEqual([
      { type: 'features.changed', chat: false, featureReason: 'paused' },
      { type: 'features.changed', chat: true, featureReason: null },
    ]);
  });

  it('a cohort change opens chat; leaving the audience after chatting is paused, not "not yet"', async () => {
    const w = world();
    const feed = await w.open();
    await w.repositories.cohorts.addMembers('beta', [ALICE]);
    await w.changes.publish({ kind: 'cohort', id: 'beta' });
    await feed.until(1);
    const sessions = new CreateSession(
      w.repositories.chatSessions,
      { next: () => 's-1' },
      { now: () => T0 },
      w.events,
    );
    await sessions.execute(ALICE);
    await w.repositories.cohorts.removeMember('beta', ALICE);
    await w.changes.publish({ kind: 'cohort', id: 'beta' });
    await feed.until(3);
    expect(feed.heard.filter((event) => event.type === 'features.changed')).toEqual([
      { type: 'features.changed', chat: true, featureReason: null },
      { type: 'features.changed', chat: false, featureReason: 'paused' },
    ]);
  });

  it('re-reads the role on the user’s own change, and ignores other users and other flags', async () => {
    const w = world();
    const feed = await w.open();
    await w.repositories.users.updateRole(ALICE, 'admin', T0);
    await w.changes.publish({ kind: 'user', id: BOB });
    await w.changes.publish({ kind: 'feature', id: 'other-flag' });
    await w.settle();
    expect(feed.heard).toEqual([]);
    await w.changes.publish({ kind: 'user', id: ALICE });
    await feed.until(1);
    expect(feed.heard).toEqual([{ type: 'features.changed', chat: true, featureReason: null }]);
  });

  it('says nothing for a user that is gone', async () => {
    const w = world();
    const feed = await w.open();
    w.repositories.users.users.delete(ALICE);
    await w.repositories.cohorts.addMembers('beta', [ALICE]);
    await w.changes.publish({ kind: 'cohort', id: 'beta' });
    await w.settle();
    expect(feed.heard).toEqual([]);
  });

  it('a failed re-evaluation is logged, and the next change is evaluated again', async () => {
    const w = world();
    const feed = await w.open();
    const cohortIdsOf = w.repositories.cohorts.cohortIdsOf.bind(w.repositories.cohorts);
    w.repositories.cohorts.cohortIdsOf = () => Promise.reject(new Error('database down'));
    await w.changes.publish({ kind: 'cohort', id: 'beta' });
    await w.settle();
    expect(w.warnings).toHaveLength(1);
    w.repositories.cohorts.cohortIdsOf = cohortIdsOf;
    await w.repositories.cohorts.addMembers('beta', [ALICE]);
    await w.changes.publish({ kind: 'cohort', id: 'beta' });
    await feed.until(1);
    expect(feed.heard).toEqual([{ type: 'features.changed', chat: true, featureReason: null }]);
  });

  it('a burst of changes asks for one more evaluation, not one each', async () => {
    const w = world();
    const feed = await w.open();
    let reads = 0;
    const findById = w.repositories.users.findById.bind(w.repositories.users);
    w.repositories.users.findById = (id: string) => {
      reads += 1;
      return findById(id);
    };
    // Ten changes heard at once (as from one admin action touching several cohorts).
    await Promise.all(Array.from({ length: 10 }, () => w.changes.publish({ kind: 'cohort', id: 'beta' })));
    await w.settle();
    expect(reads).toBe(1);
    expect(feed.heard).toEqual([]);
  });

  it('when the first evaluation fails, it rejects and leaves nothing subscribed', async () => {
    const w = world();
    w.repositories.features.get = () => Promise.reject(new Error('database down'));
    await expect(w.open()).rejects.toThrow('database down');
    const heard: UserEvent[] = [];
    w.events.subscribe(ALICE, (event) => heard.push(event));
    await w.events.publish(ALICE, { type: 'quota.changed' });
    // Only the probe above hears it: the failed feed let go of its subscription.
    expect(heard).toHaveLength(1);
    expect(w.events.listenerCount(ALICE)).toBe(1);
  });
});
