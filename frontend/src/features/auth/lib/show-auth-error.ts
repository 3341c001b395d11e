import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, type FieldError } from '@/lib/api/api-error';
import { applyFieldErrors } from '@/lib/form-errors';
import { authErrorMessage } from './auth-error-message';

const describe = (e: FieldError) => (e.path ? `${e.path}: ${e.message}` : e.message);

/**
 * Shows a failed sign-in or sign-up in the form, never as a toast: 422 field errors on their
 * fields, codes listed in `codeFields` on that field (email_taken on the email), and the rest
 * (invalid_credentials, rate_limited, signup_disabled, network) as the form's own message,
 * read from `formState.errors.root.server`.
 */
export function showAuthError<T extends FieldValues>(
  error: Error,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
  codeFields: Partial<Record<string, Path<T>>> = {},
): void {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.errors.length > 0) {
    const unmatched = applyFieldErrors(error, fields, setError);
    if (unmatched.length > 0) {
      setError('root.server', { message: unmatched.map(describe).join(' ') });
    }
    return;
  }
  const field = error instanceof ApiError ? codeFields[error.code] : undefined;
  if (field) {
    setError(field, { type: 'server', message: authErrorMessage(error) }, { shouldFocus: true });
    return;
  }
  setError('root.server', { message: authErrorMessage(error) });
}
