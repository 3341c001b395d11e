import type { ChangeFeed } from '../../application/ports/change-feed.port.js';
import type { Role } from '../../domain/identity/role.js';
import type { User } from '../../domain/identity/user.entity.js';
import type { UserPageQuery, UserRepository } from '../../domain/identity/user.repository.js';

/**
 * Every authenticated request looks its user up by id (the role must be the current one, not
 * the token's). A few seconds of cache saves that query, and a change event for the user drops
 * the entry on every instance, so a demotion is not served from cache.
 */
export class CachingUserRepository implements UserRepository {
  private readonly byId = new Map<string, { user: User | undefined; until: number }>();

  constructor(
    private readonly inner: UserRepository,
    changes: ChangeFeed,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {
    changes.subscribe((event) => {
      if (event.kind === 'user') this.byId.delete(event.id);
    });
  }

  async findById(id: string): Promise<User | undefined> {
    const hit = this.byId.get(id);
    if (hit && hit.until > this.now()) return hit.user;
    const user = await this.inner.findById(id);
    if (this.byId.size >= this.maxEntries) this.byId.clear();
    this.byId.set(id, { user, until: this.now() + this.ttlMs });
    return user;
  }

  findByEmail(email: string) {
    return this.inner.findByEmail(email);
  }

  findByExternalIdentity(issuer: string, subject: string) {
    return this.inner.findByExternalIdentity(issuer, subject);
  }

  findManyByIds(ids: readonly string[]) {
    return this.inner.findManyByIds(ids);
  }

  findManyByEmails(emails: readonly string[]) {
    return this.inner.findManyByEmails(emails);
  }

  async create(user: User): Promise<void> {
    await this.inner.create(user);
    this.byId.delete(user.id);
  }

  async updateRole(id: string, role: Role, now: Date): Promise<User | undefined> {
    this.byId.delete(id);
    return this.inner.updateRole(id, role, now);
  }

  page(query: UserPageQuery) {
    return this.inner.page(query);
  }
}
