import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, type FieldError } from '@/lib/api/api-error';

// The API words field messages to follow the field name ("must be at least 10 characters");
// under a labelled input they read as a sentence of their own.
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Puts each entry of a 422's `errors[]` on the form field it names (focusing the first), and
 * returns the entries that name no field of this form, for a form-level message: a rule the
 * client did not anticipate is shown, not lost.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: ApiError,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): FieldError[] {
  const unmatched: FieldError[] = [];
  let focused = false;
  for (const entry of error.errors) {
    const field = fields.find((name) => name === entry.path);
    if (!field) {
      unmatched.push(entry);
      continue;
    }
    setError(field, { type: 'server', message: capitalise(entry.message) }, { shouldFocus: !focused });
    focused = true;
  }
  return unmatched;
}

const describe = (e: FieldError) => (e.path ? `${e.path}: ${e.message}` : e.message);

/** What a form says for a failure that belongs to no field, unless the form words it itself. */
export function formErrorMessage(error: Error): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'network_error') {
    return 'Could not reach the Parley server. Check your connection and try again.';
  }
  return error.detail && error.detail !== error.title ? `${error.title}: ${error.detail}` : error.title;
}

interface ShowFormErrorOptions<T extends FieldValues> {
  /** Words the form-level message (formErrorMessage unless given). */
  message?: (error: Error) => string;
  /** Error codes that belong on one field (email_taken on the email), with `message`'s words. */
  codeFields?: Partial<Record<string, Path<T>>>;
}

/**
 * Shows a failed submit in the form, never as a toast: 422 field errors on their fields (a
 * taken cohort name on the name), codes listed in `codeFields` on that field, and the rest
 * as the form's own message, read from `formState.errors.root.server`.
 */
export function showFormError<T extends FieldValues>(
  error: Error,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
  { message = formErrorMessage, codeFields = {} }: ShowFormErrorOptions<T> = {},
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
    setError(field, { type: 'server', message: message(error) }, { shouldFocus: true });
    return;
  }
  setError('root.server', { message: message(error) });
}
