import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { Kysely, PGliteDialect, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

// pg returns int8 (count(*), sums) as strings to avoid precision loss; our counts are far below
// 2^53, and PGlite already returns numbers, so both drivers now agree.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export function createDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  preparedStatements?: boolean;
}): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: options.preparedStatements === false ? pool : preparingPool(pool),
      }),
    });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  // PGlite: one connection, one process per data folder (see ARCHITECTURE.md traps).
  const dir = path.join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  // Created on first query, so building a handle that is never used opens (and locks) nothing.
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: () => new PGlite(dir) }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/** Distinct statement texts that get a name; past this, statements run unnamed (planned each time). */
const MAX_NAMED_STATEMENTS = 2_000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `parley_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * The pool as Kysely sees it, with every statement that has parameters prepared once per
 * connection (named by a hash of its text) and from then on only bound and run. PostgreSQL then
 * parses and plans it once per connection instead of on every call: on the send route, whose
 * statements are the longest, that was about half a millisecond each before the first token.
 * Statements without parameters (BEGIN, COMMIT, migrations' DDL) run as they are.
 * Turn off (DATABASE_PREPARED_STATEMENTS=false) behind a pooler that cannot keep named
 * statements, such as PgBouncer in transaction mode before 1.21.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    get processID() {
      return (client as unknown as { processID?: number }).processID;
    },
    query: ((textOrCursor: unknown, parameters?: readonly unknown[]) => {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor as pg.Submittable);
      const name = parameters && parameters.length > 0 ? statementName(textOrCursor) : undefined;
      return client.query({ text: textOrCursor, values: parameters as unknown[], ...(name && { name }) });
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    options: pool.options,
    Client: pg.Client,
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
