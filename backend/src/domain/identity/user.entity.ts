import { ValidationFailed, type FieldError } from '../shared/domain-error.js';
import { emailErrors, normalizeEmail } from './email.js';
import type { Role } from './role.js';

export interface User {
  readonly id: string;
  /** Normalised (trimmed, lower case). */
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Null for users who only sign in through an external identity provider. */
  readonly passwordHash: string | null;
  readonly externalIdentity: { readonly issuer: string; readonly subject: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const DISPLAY_NAME_MAX_LENGTH = 100;

export function displayNameErrors(displayName: string): FieldError[] {
  const trimmed = displayName.trim();
  if (trimmed.length === 0) return [{ path: 'displayName', message: 'must not be empty' }];
  if (trimmed.length > DISPLAY_NAME_MAX_LENGTH) {
    return [{ path: 'displayName', message: `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters` }];
  }
  return [];
}

export interface NewUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  externalIdentity?: { issuer: string; subject: string } | null;
  now: Date;
}

/** The one way a User comes to be: normalised and checked, or a ValidationFailed. */
export function createUser(input: NewUser): User {
  const email = normalizeEmail(input.email);
  const errors = [...emailErrors(email), ...displayNameErrors(input.displayName)];
  if (errors.length > 0) throw new ValidationFailed(errors);
  return {
    id: input.id,
    email,
    displayName: input.displayName.trim(),
    role: input.role,
    passwordHash: input.passwordHash,
    externalIdentity: input.externalIdentity ?? null,
    createdAt: input.now,
    updatedAt: input.now,
  };
}
