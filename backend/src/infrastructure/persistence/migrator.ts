import { Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely/migration';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { migrations } from '../../../../migrations/index.js';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Kysely's Migrator returns its error instead of throwing: turn it into one here, once. */
function unwrap(result: MigrationResultSet, what: string): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`${what} failed${failed ? ` at ${failed}` : ''}: ${cause}`, result.results);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest(), 'Migration');
}

export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateDown(), 'Rollback');
}

/** Rolls back every migration (tests and disaster drills; never run by the server itself). */
export async function migrateToBottom(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateTo(NO_MIGRATIONS), 'Rollback to the first migration');
}

export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await createMigrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
