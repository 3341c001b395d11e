import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/infrastructure/persistence/create-database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('prepared statements on PostgreSQL (DATABASE_PREPARED_STATEMENTS)', () => {
  let testDb: TestDatabase;
  const handles: DatabaseHandle[] = [];
  const open = (preparedStatements: boolean) => {
    const handle = createDatabase({ databaseUrl: testDb.url, dataDir: tmpdir(), preparedStatements });
    handles.push(handle);
    return handle.db;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('prepared');
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await testDb?.drop();
  });

  /** Runs `work` twice and lists this connection's prepared statements (a transaction keeps one connection). */
  async function preparedAfter(
    db: ReturnType<typeof open>,
    run: (trx: ReturnType<typeof open>) => Promise<unknown>,
  ) {
    return db.transaction().execute(async (trx) => {
      await run(trx);
      await run(trx);
      const { rows } = await sql<{
        statement: string;
      }>`select statement from pg_prepared_statements where statement not like '%pg_prepared_statements%'`.execute(
        trx,
      );
      return rows.map((r) => r.statement);
    });
  }

  it('prepares a statement with parameters once per connection and answers the same', async () => {
    const db = open(true);
    const answers: number[] = [];
    const statements = await preparedAfter(db, async (trx) => {
      const { rows } = await sql<{ n: number }>`select ${20}::integer + ${22}::integer as n`.execute(trx);
      answers.push(rows[0]!.n);
    });
    expect(answers).toEqual([42, 42]);
    expect(statements).toEqual(['select $1::integer + $2::integer as n']);
  });

  it('runs statements without parameters as they are (BEGIN, COMMIT, DDL)', async () => {
    const db = open(true);
    const statements = await preparedAfter(db, (trx) => sql`select 1`.execute(trx));
    expect(statements).toEqual([]);
  });

  it('prepares nothing when switched off', async () => {
    const db = open(false);
    const statements = await preparedAfter(db, (trx) => sql`select ${1}::integer as n`.execute(trx));
    expect(statements).toEqual([]);
  });
});
