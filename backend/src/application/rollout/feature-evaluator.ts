import type { Role } from '../../domain/identity/role.js';
import { evaluateFeature, type Evaluation } from '../../domain/rollout/evaluate-feature.js';
import type { Feature } from '../../domain/rollout/feature.entity.js';
import type { CohortRepository, FeatureRepository } from '../../domain/rollout/rollout.repositories.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Evaluates flags for a user on every gated request, so rules and cohort memberships are cached
 * here per instance for a few seconds. Any admin change publishes an event that drops the
 * affected entries on every instance at once; the expiry only bounds how long a lost event
 * (Redis down) can leave a stale answer.
 */
export class FeatureEvaluator {
  private readonly featureCache = new Map<string, Cached<Feature | undefined>>();
  private readonly membershipCache = new Map<string, Cached<ReadonlySet<string>>>();

  constructor(
    private readonly features: FeatureRepository,
    private readonly cohorts: CohortRepository,
    changes: ChangeFeed,
    /** Deploy-time master switches by flag key (FEATURE_CHAT_ENABLED); flags without one are on. */
    private readonly deploymentSwitches: Readonly<Record<string, boolean>>,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {
    changes.subscribe((event) => {
      if (event.kind === 'feature') this.featureCache.delete(event.id);
      if (event.kind === 'cohort') this.membershipCache.clear();
      if (event.kind === 'user') this.membershipCache.delete(event.id);
    });
  }

  deploymentEnabled(key: string): boolean {
    return this.deploymentSwitches[key] ?? true;
  }

  async evaluate(key: string, user: { id: string; role: Role }): Promise<Evaluation> {
    if (!this.deploymentEnabled(key)) return { enabled: false, reason: 'deployment_disabled' };
    const feature = await this.cached(this.featureCache, key, () => this.features.get(key));
    if (!feature) return { enabled: false, reason: 'flag_off' };
    const cohortIds = await this.cached(
      this.membershipCache,
      user.id,
      async () => new Set(await this.cohorts.cohortIdsOf(user.id)),
    );
    return evaluateFeature(feature, true, { id: user.id, role: user.role, cohortIds });
  }

  private async cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await load();
    if (map.size >= 10_000) map.clear();
    map.set(key, { value, until: this.now() + this.ttlMs });
    return value;
  }
}
