import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests may create databases on (CI: the local PostgreSQL, trust auth). */
export const TEST_ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file: tests never see each other's rows. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `parley_${label.replace(/\W/g, '_').slice(0, 20)}_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}"`));
  const url = new URL(TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
