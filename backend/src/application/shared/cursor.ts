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

// Every keyset id in this API is a UUID (see IdGenerator); anything else in a cursor was forged.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The (time, id) position a keyset cursor holds, checked fully (a real time, an id that can
 * exist), so a forged cursor answers 422 instead of reaching the database as a malformed value.
 */
export function decodePosition(cursor: string, timeField: string, idField = 'id'): { at: Date; id: string } {
  const key = decodeCursor(cursor, [timeField, idField]);
  const at = new Date(key[timeField]!);
  const id = key[idField]!;
  // Years outside 1..9999 are valid in JavaScript but out of range (or absurd) for the database.
  const year = at.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999 || !UUID.test(id)) {
    throw new ValidationFailed([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
  }
  return { at, id };
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
