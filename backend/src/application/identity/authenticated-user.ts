import type { Role } from '../../domain/identity/role.js';
import type { User } from '../../domain/identity/user.entity.js';

/** Who is calling, with the role as the database has it now (not as an old token says). */
export interface AuthenticatedUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** When the access token of the request stops working; absent when the user did not come with one. */
  readonly tokenExpiresAt?: Date;
}

export function toAuthenticatedUser(user: User): AuthenticatedUser {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}
