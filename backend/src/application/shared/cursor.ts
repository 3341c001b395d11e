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

/**
 * A keyset page from rows read with `limit + 1`: the extra row only says that more follow, and
 * the cursor is made from the last row shown.
 */
export function toPage<T>(rows: readonly T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
