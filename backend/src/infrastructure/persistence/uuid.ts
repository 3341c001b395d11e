const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids arrive from URLs. PostgreSQL rejects a malformed uuid with an error (a 500); a malformed
 * id simply names nothing, so repositories answer "not found" without asking the database.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
