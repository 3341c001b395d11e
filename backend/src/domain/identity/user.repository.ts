import type { Role } from './role.js';
import type { User } from './user.entity.js';

export interface UserPageQuery {
  /** Matches email or display name, case-insensitively. */
  search?: string;
  limit: number;
  /** The last user of the previous page (keyset on created_at desc, id desc). */
  after?: { createdAt: Date; id: string };
}

export interface UserRepository {
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  findByExternalIdentity(issuer: string, subject: string): Promise<User | undefined>;
  findManyByIds(ids: readonly string[]): Promise<User[]>;
  findManyByEmails(emails: readonly string[]): Promise<User[]>;
  /** Throws EmailTaken when the (normalised) email exists. */
  create(user: User): Promise<void>;
  updateRole(id: string, role: Role, now: Date): Promise<User | undefined>;
  page(query: UserPageQuery): Promise<User[]>;
}
