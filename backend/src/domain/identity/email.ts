import type { FieldError } from '../shared/domain-error.js';

/** Emails compare case-insensitively everywhere: they are stored and looked up normalised. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

// Deliberately permissive (one @, a dot in the domain, no spaces): the real check is the mail
// that reaches the user; a stricter regex only rejects real addresses.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailErrors(email: string, path = 'email'): FieldError[] {
  if (email.length > 254) return [{ path, message: 'must be at most 254 characters' }];
  if (!EMAIL.test(email)) return [{ path, message: 'must be an email address' }];
  return [];
}
