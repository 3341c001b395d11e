/** The constraint a unique violation (SQLSTATE 23505) hit, from pg or PGlite alike; else undefined. */
export function uniqueViolation(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== '23505') return undefined;
  if (typeof e.constraint === 'string') return e.constraint;
  const match = typeof e.message === 'string' ? /constraint "([^"]+)"/.exec(e.message) : null;
  return match?.[1] ?? 'unknown';
}
