import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import type { DatabaseHandle } from '../../src/infrastructure/persistence/create-database.js';
import {
  migrateDown,
  migrateToBottom,
  migrateToLatest,
  pendingMigrations,
} from '../../src/infrastructure/persistence/migrator.js';
import { onBothEngines, type OpenDatabase } from '../support/both-engines.js';

const allNames = Object.keys(migrations).sort();

async function tables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

function migrationRoundTrip(label: string, open: OpenDatabase) {
  describe(`migrations on ${label}`, () => {
    let handle: DatabaseHandle;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ handle, cleanup } = await open());
      // Opening the engine (for PGlite: compiling WASM and initdb, seconds of CPU) belongs to
      // set-up, not to the round trip under test.
      await sql`select 1`.execute(handle.db);
    }, 120_000);
    afterAll(async () => {
      await handle.close();
      await cleanup();
    });

    it('go all the way up, all the way down, and up again without error', async () => {
      const db = handle.db;
      expect(await migrateToLatest(db)).toEqual(allNames);
      expect(await pendingMigrations(db)).toEqual([]);
      const upTables = await tables(db);
      expect(upTables).toContain('users');

      expect(await migrateToBottom(db)).toEqual([...allNames].reverse());
      expect(await tables(db)).toEqual([]);
      expect(await pendingMigrations(db)).toEqual(allNames);

      expect(await migrateToLatest(db)).toEqual(allNames);
      expect(await tables(db)).toEqual(upTables);
    });

    it('roll back exactly one step with migrateDown', async () => {
      const db = handle.db;
      await migrateToLatest(db);
      const last = allNames[allNames.length - 1]!;
      expect(await migrateDown(db)).toEqual([last]);
      expect(await pendingMigrations(db)).toEqual([last]);
      expect(await migrateToLatest(db)).toEqual([last]);
    });

    it('enforce case-insensitive unique emails', async () => {
      const db = handle.db;
      await migrateToLatest(db);
      const insert = (id: string, email: string) =>
        db
          .insertInto('users')
          .values({ id, email, display_name: 'A', role: 'user', password_hash: 'x' })
          .execute();
      await insert('018f0000-0000-7000-8000-000000000001', 'Ada@Example.com');
      await expect(insert('018f0000-0000-7000-8000-000000000002', 'ada@example.COM')).rejects.toThrow(
        /users_email_lower_key/,
      );
    });
  });
}

onBothEngines('migrations', migrationRoundTrip);
