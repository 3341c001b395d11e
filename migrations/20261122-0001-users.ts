import { sql, type Kysely } from 'kysely';

// Accounts. Email uniqueness is case-insensitive through an index on lower(email) (citext is
// not available on PGlite). Users from an external identity provider are keyed by (issuer, subject).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('user')
        .check(sql`role in ('user', 'admin')`),
    )
    .addColumn('password_hash', 'text')
    .addColumn('external_issuer', 'text')
    .addColumn('external_subject', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'users_external_identity_complete',
      sql`(external_issuer is null) = (external_subject is null)`,
    )
    .execute();
  await db.schema
    .createIndex('users_email_lower_key')
    .on('users')
    .unique()
    .expression(sql`lower(email)`)
    .execute();
  await db.schema
    .createIndex('users_external_identity_key')
    .on('users')
    .unique()
    .columns(['external_issuer', 'external_subject'])
    .where(sql.ref('external_issuer'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('users').execute();
}
