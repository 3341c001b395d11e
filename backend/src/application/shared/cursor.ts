import { ValidationFailed } from '../../domain/shared/domain-error.js';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. Clients pass them back
 * unchanged; anything else answers 422 rather than a wrong page.
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(
  cursor: string,
  fields: readonly K[],
  path = 'cursor',
): Record<K, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      fields.every((f) => typeof (parsed as Record<string, unknown>)[f] === 'string')
    ) {
      return parsed as Record<K, string>;
    }
  } catch {
    // fall through
  }
  throw new ValidationFailed([{ path, message: 'is not a cursor this API returned' }]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
