import { sql, type Kysely, type Selectable } from 'kysely';
import { EmailTaken } from '../../domain/identity/identity-errors.js';
import type { Role } from '../../domain/identity/role.js';
import type { User } from '../../domain/identity/user.entity.js';
import type { UserPageQuery, UserRepository } from '../../domain/identity/user.repository.js';
import type { Database, UsersTable } from './database.js';
import { uniqueViolation } from './postgres-errors.js';
import { isUuid } from './uuid.js';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    externalIdentity:
      row.external_issuer && row.external_subject
        ? { issuer: row.external_issuer, subject: row.external_subject }
        : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** LIKE patterns treat % and _ as wildcards; a search for "a_b" means the literal text. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findByExternalIdentity(issuer: string, subject: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('external_issuer', '=', issuer)
      .where('external_subject', '=', subject)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findManyByIds(ids: readonly string[]): Promise<User[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return (await this.db.selectFrom('users').selectAll().where('id', 'in', valid).execute()).map(toUser);
  }

  async findManyByEmails(emails: readonly string[]): Promise<User[]> {
    if (emails.length === 0) return [];
    const lowered = emails.map((e) => e.toLowerCase());
    return (
      await this.db
        .selectFrom('users')
        .selectAll()
        .where(sql<string>`lower(email)`, 'in', lowered)
        .execute()
    ).map(toUser);
  }

  async create(user: User): Promise<void> {
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          password_hash: user.passwordHash,
          external_issuer: user.externalIdentity?.issuer ?? null,
          external_subject: user.externalIdentity?.subject ?? null,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .execute();
    } catch (error) {
      if (uniqueViolation(error) === 'users_email_lower_key') throw new EmailTaken();
      throw error;
    }
  }

  async updateRole(id: string, role: Role, now: Date): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .updateTable('users')
      .set({ role, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toUser(row);
  }

  async page(query: UserPageQuery): Promise<User[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (query.search) {
      const pattern = likeContains(query.search);
      q = q.where((eb) =>
        eb.or([eb(sql`lower(email)`, 'like', pattern), eb(sql`lower(display_name)`, 'like', pattern)]),
      );
    }
    if (query.after) {
      const { createdAt, id } = query.after;
      q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toUser);
  }
}
