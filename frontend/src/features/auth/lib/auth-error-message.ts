import { ApiError } from '@/lib/api/api-error';

/** "45 seconds", "2 minutes", "1 hour": rounded up, so the user never retries too early. */
export function formatWait(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return unit(Math.ceil(seconds / 60), 'minute');
  return unit(Math.ceil(seconds / 3600), 'hour');
}

/**
 * What the sign-in and sign-up forms say for a failure that belongs to no single field.
 * Keyed on the stable `code`, with our own wording; the server's detail is the fallback.
 */
export function authErrorMessage(error: Error): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'invalid_credentials':
      return 'The email or password is wrong.';
    case 'rate_limited':
      return error.retryAfter === undefined
        ? 'Too many attempts. Please wait a while before trying again.'
        : `Too many attempts. Try again in ${formatWait(error.retryAfter)}.`;
    case 'signup_disabled':
      return 'Sign-up is switched off on this server. Ask an administrator for an account.';
    case 'email_taken':
      return 'An account with this email already exists.';
    case 'network_error':
      return 'Could not reach the Parley server. Check your connection and try again.';
    default:
      return error.detail ?? error.title;
  }
}
