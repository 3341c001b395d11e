import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError, FieldError } from '@/lib/api/api-error';

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
