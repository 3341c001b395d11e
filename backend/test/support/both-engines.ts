import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 } from 'uuid';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/infrastructure/persistence/create-database.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { migrateToLatest } from '../../src/infrastructure/persistence/migrator.js';
import { createTestDatabase } from './test-database.js';

export type OpenDatabase = () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>;

/**
 * Runs `suite` once per engine Parley supports: a fresh database on the local PostgreSQL, and
 * embedded PGlite in a temporary folder. Same SQL, so the same tests.
 */
export function onBothEngines(label: string, suite: (engine: string, open: OpenDatabase) => void): void {
  suite('PostgreSQL', async () => {
    const testDb = await createTestDatabase(label);
    return {
      handle: createDatabase({ databaseUrl: testDb.url, dataDir: tmpdir() }),
      cleanup: () => testDb.drop(),
    };
  });
  suite('embedded PGlite', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), `parley-pglite-${label}-`));
    return {
      handle: createDatabase({ databaseUrl: undefined, dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  });
}

/** Opens and migrates the database before the describe block's tests, and closes it after. */
export function migratedDatabase(open: OpenDatabase): { readonly db: Kysely<Database> } {
  let handle: DatabaseHandle | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await migrateToLatest(handle.db);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
  });
  return {
    get db() {
      if (!handle) throw new Error('the database is opened in beforeAll');
      return handle.db;
    },
  };
}

/** A user row, written directly: what a repository test needs as an owner. */
export async function insertUser(db: Kysely<Database>): Promise<string> {
  const id = v7();
  await db
    .insertInto('users')
    .values({ id, email: `${id}@example.com`, display_name: 'U', role: 'user', password_hash: 'x' })
    .execute();
  return id;
}
