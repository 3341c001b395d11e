import type { FieldError } from '../shared/domain-error.js';

export const PASSWORD_MIN_LENGTH = 10;
// Bounds the work an attacker can make the hasher do with one request.
export const PASSWORD_MAX_LENGTH = 256;

/** Length 10..256 and not the email itself (the first thing an attacker tries). */
export function passwordErrors(password: string, email: string): FieldError[] {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return [{ path: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }];
  }
  if ([...password].length > PASSWORD_MAX_LENGTH) {
    return [{ path: 'password', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  }
  const lowered = password.trim().toLowerCase();
  if (lowered === email.trim().toLowerCase() || lowered === email.split('@')[0]?.toLowerCase()) {
    return [{ path: 'password', message: 'must not be your email address' }];
  }
  return [];
}
