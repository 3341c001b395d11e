import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, type FieldError } from '@/lib/api/api-error';
import { applyFieldErrors } from '@/lib/form-errors';

const describe = (e: FieldError) => (e.path ? `${e.path}: ${e.message}` : e.message);

/** What a form says for a failure that belongs to no field. */
export function formErrorMessage(error: Error): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'network_error') {
    return 'Could not reach the Parley server. Check your connection and try again.';
  }
  return error.detail && error.detail !== error.title ? `${error.title}: ${error.detail}` : error.title;
}

/**
 * Shows a failed submit in the form, never as a toast: 422 field errors on their fields
 * (a taken cohort name on the name), the rest as the form's own message, read from
 * `formState.errors.root.server`.
 */
export function showFormError<T extends FieldValues>(
  error: Error,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): void {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.errors.length > 0) {
    const unmatched = applyFieldErrors(error, fields, setError);
    if (unmatched.length > 0) {
      setError('root.server', { message: unmatched.map(describe).join(' ') });
    }
    return;
  }
  setError('root.server', { message: formErrorMessage(error) });
}
