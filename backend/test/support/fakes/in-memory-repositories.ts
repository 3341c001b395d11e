import { inMemoryChatRepositories } from './in-memory-chat.js';
import type { ChangeEvent, ChangeFeed } from '../../../src/application/ports/change-feed.port.js';
import type { CounterStore, WindowCount } from '../../../src/application/ports/counter-store.port.js';
import type { Repositories, UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { EmailTaken } from '../../../src/domain/identity/identity-errors.js';
import type { RefreshToken, RefreshTokenRepository } from '../../../src/domain/identity/refresh-token.js';
import type { Role } from '../../../src/domain/identity/role.js';
import type { User } from '../../../src/domain/identity/user.entity.js';
import type { UserPageQuery, UserRepository } from '../../../src/domain/identity/user.repository.js';
import type { AuditEntry } from '../../../src/domain/rollout/audit-entry.js';
import { CohortNameTaken, type Cohort } from '../../../src/domain/rollout/cohort.entity.js';
import type { Feature } from '../../../src/domain/rollout/feature.entity.js';
import type {
  AuditLogRepository,
  CohortMember,
  CohortRepository,
  FeatureRepository,
} from '../../../src/domain/rollout/rollout.repositories.js';

/** In-memory fakes of the identity ports, for use-case unit tests (no I/O). */
export class InMemoryUserRepository implements UserRepository {
  readonly users = new Map<string, User>();

  async findById(id: string) {
    return this.users.get(id);
  }
  async findByEmail(email: string) {
    return [...this.users.values()].find((u) => u.email === email.toLowerCase());
  }
  async findByExternalIdentity(issuer: string, subject: string) {
    return [...this.users.values()].find(
      (u) => u.externalIdentity?.issuer === issuer && u.externalIdentity.subject === subject,
    );
  }
  async findManyByIds(ids: readonly string[]) {
    return ids.flatMap((id) => this.users.get(id) ?? []);
  }
  async findManyByEmails(emails: readonly string[]) {
    return [...this.users.values()].filter((u) => emails.includes(u.email));
  }
  async create(user: User) {
    if (await this.findByEmail(user.email)) throw new EmailTaken();
    this.users.set(user.id, user);
  }
  async updateRole(id: string, role: Role, now: Date) {
    const user = this.users.get(id);
    if (!user) return undefined;
    const updated = { ...user, role, updatedAt: now };
    this.users.set(id, updated);
    return updated;
  }
  async page(query: UserPageQuery) {
    return [...this.users.values()].slice(0, query.limit);
  }
}

export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  readonly tokens = new Map<string, RefreshToken>();

  async create(token: RefreshToken) {
    this.tokens.set(token.id, token);
  }
  async findByHash(tokenHash: string) {
    return [...this.tokens.values()].find((t) => t.tokenHash === tokenHash);
  }
  async markRotated(id: string, at: Date) {
    const token = this.tokens.get(id);
    if (!token || token.rotatedAt || token.revokedAt) return false;
    this.tokens.set(id, { ...token, rotatedAt: at });
    return true;
  }
  async revokeFamily(familyId: string, at: Date) {
    for (const [id, token] of this.tokens)
      if (token.familyId === familyId && !token.revokedAt) this.tokens.set(id, { ...token, revokedAt: at });
  }
  async revoke(id: string, at: Date) {
    const token = this.tokens.get(id);
    if (token && !token.revokedAt) this.tokens.set(id, { ...token, revokedAt: at });
  }
}

export class InMemoryFeatureRepository implements FeatureRepository {
  readonly features = new Map<string, Feature>();
  async list() {
    return [...this.features.values()];
  }
  async get(key: string) {
    return this.features.get(key);
  }
  async save(feature: Feature) {
    this.features.set(feature.key, feature);
  }
  async listReferencingCohort(cohortId: string) {
    return [...this.features.values()].filter((f) => f.audience.cohortIds.includes(cohortId));
  }
}

export class InMemoryCohortRepository implements CohortRepository {
  readonly cohorts = new Map<string, Cohort>();
  readonly membership = new Map<string, Set<string>>();
  async list() {
    return [...this.cohorts.values()];
  }
  async get(id: string) {
    const c = this.cohorts.get(id);
    return c && { ...c, memberCount: this.membership.get(id)?.size ?? 0 };
  }
  async create(cohort: Cohort) {
    if ([...this.cohorts.values()].some((c) => c.name.toLowerCase() === cohort.name.toLowerCase()))
      throw new CohortNameTaken();
    this.cohorts.set(cohort.id, cohort);
  }
  async update(id: string, fields: { name?: string; description?: string }, now: Date) {
    const c = this.cohorts.get(id);
    if (!c) return undefined;
    this.cohorts.set(id, { ...c, ...fields, updatedAt: now });
    return this.get(id);
  }
  async delete(id: string) {
    this.membership.delete(id);
    return this.cohorts.delete(id);
  }
  async addMembers(cohortId: string, userIds: readonly string[]) {
    const set = this.membership.get(cohortId) ?? new Set<string>();
    this.membership.set(cohortId, set);
    const added = userIds.filter((u) => !set.has(u));
    added.forEach((u) => set.add(u));
    return added;
  }
  async removeMember(cohortId: string, userId: string) {
    return this.membership.get(cohortId)?.delete(userId) ?? false;
  }
  async members(): Promise<CohortMember[]> {
    return [];
  }
  async cohortIdsOf(userId: string) {
    return [...this.membership].filter(([, set]) => set.has(userId)).map(([id]) => id);
  }
  async existing(ids: readonly string[]) {
    return ids.filter((id) => this.cohorts.has(id));
  }
}

export class InMemoryAuditLogRepository implements AuditLogRepository {
  readonly entries: AuditEntry[] = [];
  async append(entry: AuditEntry) {
    this.entries.push(entry);
  }
  async page(query: { subject?: string; limit: number }) {
    return [...this.entries]
      .reverse()
      .filter((e) => !query.subject || e.subject === query.subject)
      .slice(0, query.limit);
  }
}

export function inMemoryRepositories() {
  return {
    users: new InMemoryUserRepository(),
    refreshTokens: new InMemoryRefreshTokenRepository(),
    features: new InMemoryFeatureRepository(),
    cohorts: new InMemoryCohortRepository(),
    auditLog: new InMemoryAuditLogRepository(),
    ...inMemoryChatRepositories(),
  } satisfies Repositories;
}

/** No rollback: enough for use cases whose tests do not depend on atomicity. */
export class PassThroughUnitOfWork implements UnitOfWork {
  constructor(private readonly repositories: Repositories) {}
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return work(this.repositories);
  }
}

export class RecordingChangeFeed implements ChangeFeed {
  readonly published: ChangeEvent[] = [];
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  async publish(event: ChangeEvent) {
    this.published.push(event);
    for (const l of this.listeners) l(event);
  }
  subscribe(listener: (event: ChangeEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class SimpleCounterStore implements CounterStore {
  readonly counts = new Map<string, number>();
  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return { count, resetInMs: windowMs };
  }
  async peek(key: string): Promise<WindowCount> {
    return { count: this.counts.get(key) ?? 0, resetInMs: 60_000 };
  }
  async reset(key: string) {
    this.counts.delete(key);
  }
}

let seq = 0;
export const sequentialIds = { next: () => `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}` };
