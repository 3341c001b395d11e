import { sql, type Kysely } from 'kysely';

// Staged rollout: feature flags with their audience, cohorts and their members, and one audit
// log of every admin change. The chat flag is seeded on, for the admin role only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feature_flags')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    // {roles: string[], cohortIds: string[], userIds: string[], percentage: number}
    .addColumn('audience', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('cohorts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('cohorts_name_lower_key')
    .on('cohorts')
    .unique()
    .expression(sql`lower(name)`)
    .execute();

  await db.schema
    .createTable('cohort_members')
    .addColumn('cohort_id', 'uuid', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cohort_members_pkey', ['cohort_id', 'user_id'])
    .execute();
  // Evaluation asks "which cohorts is this user in?" on every gated request.
  await db.schema.createIndex('cohort_members_user_idx').on('cohort_members').column('user_id').execute();
  await db.schema
    .createIndex('cohort_members_page_idx')
    .on('cohort_members')
    .columns(['cohort_id', 'added_at desc', 'user_id desc'])
    .execute();

  await db.schema
    .createTable('admin_audit_log')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    // The actor's email is kept as it was, so the log still says who after a user is deleted.
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema
    .createIndex('admin_audit_log_at_idx')
    .on('admin_audit_log')
    .columns(['at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('admin_audit_log_subject_idx')
    .on('admin_audit_log')
    .columns(['subject', 'at desc', 'id desc'])
    .execute();

  await db
    .insertInto('feature_flags')
    .values({
      key: 'chat',
      description: 'Chat with the model: sessions, streamed replies, quotas.',
      enabled: true,
      audience: JSON.stringify({ roles: ['admin'], cohortIds: [], userIds: [], percentage: 0 }),
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_audit_log').execute();
  await db.schema.dropTable('cohort_members').execute();
  await db.schema.dropTable('cohorts').execute();
  await db.schema.dropTable('feature_flags').execute();
}
