import { describe, expect, it } from 'vitest';
import { FeatureEvaluator } from '../../../src/application/rollout/feature-evaluator.js';
import { inMemoryRepositories, RecordingChangeFeed } from '../../support/fakes/in-memory-repositories.js';

function world() {
  const repositories = inMemoryRepositories();
  const changes = new RecordingChangeFeed();
  let now = 0;
  const evaluator = new FeatureEvaluator(
    repositories.features,
    repositories.cohorts,
    changes,
    { chat: true },
    5_000,
    () => now,
  );
  repositories.features.features.set('chat', {
    key: 'chat',
    description: '',
    enabled: true,
    audience: { roles: [], cohortIds: ['c-1'], userIds: [], percentage: 0 },
    updatedAt: new Date(0),
    updatedBy: null,
  });
  return { repositories, changes, evaluator, tick: (ms: number) => (now += ms) };
}
const user = { id: 'u-1', role: 'user' as const };

describe('FeatureEvaluator', () => {
  it('caches memberships, and a cohort change drops the cache at once', async () => {
    const w = world();
    expect((await w.evaluator.evaluate('chat', user)).enabled).toBe(false);
    await w.repositories.cohorts.addMembers('c-1', ['u-1']);
    expect((await w.evaluator.evaluate('chat', user)).enabled).toBe(false); // still cached
    await w.changes.publish({ kind: 'cohort', id: 'c-1' });
    expect(await w.evaluator.evaluate('chat', user)).toEqual({ enabled: true, reason: 'cohort' });
  });

  it('caches rules, and a feature change drops them at once', async () => {
    const w = world();
    await w.repositories.cohorts.addMembers('c-1', ['u-1']);
    expect((await w.evaluator.evaluate('chat', user)).enabled).toBe(true);
    const chat = w.repositories.features.features.get('chat')!;
    w.repositories.features.features.set('chat', { ...chat, enabled: false });
    expect((await w.evaluator.evaluate('chat', user)).enabled).toBe(true); // still cached
    await w.changes.publish({ kind: 'feature', id: 'chat' });
    expect(await w.evaluator.evaluate('chat', user)).toEqual({ enabled: false, reason: 'flag_off' });
  });

  it('forgets on its own after the TTL, for events that were lost', async () => {
    const w = world();
    expect((await w.evaluator.evaluate('chat', user)).enabled).toBe(false);
    await w.repositories.cohorts.addMembers('c-1', ['u-1']);
    w.tick(5_001);
    expect((await w.evaluator.evaluate('chat', user)).enabled).toBe(true);
  });

  it('honours the deployment switch before reading anything', async () => {
    const w = world();
    const off = new FeatureEvaluator(w.repositories.features, w.repositories.cohorts, w.changes, {
      chat: false,
    });
    expect(await off.evaluate('chat', { id: 'a', role: 'admin' })).toEqual({
      enabled: false,
      reason: 'deployment_disabled',
    });
    expect(off.deploymentEnabled('other')).toBe(true);
  });
});
