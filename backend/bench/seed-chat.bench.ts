/**
 * The session list at scale: one user with 100,000 sessions and 1,000,000 messages, then
 * EXPLAIN (ANALYZE, BUFFERS) of the real queries: the first page of the list, the 1000th page
 * (reached by following 999 nextCursors at limit 20 through the real use case and repository),
 * the latest messages of a session and a page of older ones, and a search. Prints each plan
 * and the median planning and execution times of several runs as a Markdown table.
 *
 *   make seed-bench                                  (from the repository root)
 *   pnpm exec tsx bench/seed-chat.bench.ts [--reseed] (from backend/)
 *
 * DATABASE_URL picks the database (default: parley_bench on the local PostgreSQL, created if
 * missing). Its name must contain "bench": this fills it with a million rows. Seeding is skipped
 * when the bench user's rows are already there (--reseed forces it).
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { GetSession } from '../src/application/chat/get-session.use-case.js';
import { ListMessages } from '../src/application/chat/list-messages.use-case.js';
import { ListSessions } from '../src/application/chat/list-sessions.use-case.js';
import type { Database } from '../src/infrastructure/persistence/database.js';
import { KyselyChatMessageRepository } from '../src/infrastructure/persistence/kysely-chat-message.repository.js';
import { KyselyChatSessionRepository } from '../src/infrastructure/persistence/kysely-chat-session.repository.js';
import { migrateToLatest } from '../src/infrastructure/persistence/migrator.js';

const SESSIONS = 100_000;
// 9 messages in most sessions, 1,009 in one session of every thousand (100 long ones, to page
// through): 99,900 × 9 + 100 × 1,009 = 1,000,000 messages.
const SHORT = 9;
const LONG = 1_009;
const isLong = (i: string) => `(${i} % 1000 = 500)`;
const MESSAGES = 1_000_000;
const CHUNK = 10_000; // sessions per INSERT statement (and about 100,000 messages)
const PAGE = 20;
const PAGES = 1000;
const RUNS = 9;
const USER_ID = '019a0000-0000-7000-8000-0000000be4c0';
const OTHER_USER_ID = '019a0000-0000-7000-8000-0000000be4c1';

const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley_bench');
const dbName = decodeURIComponent(url.pathname.slice(1));
if (!/bench/i.test(dbName)) {
  console.error(
    `Refusing to seed "${dbName}": the database name must contain "bench" (this writes a million rows).`,
  );
  process.exit(2);
}
const reseed = process.argv.includes('--reseed');

async function ensureDatabase(): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (!rowCount) {
      await client.query(`create database "${dbName.replace(/"/g, '""')}"`);
      console.error(`created database ${dbName}`);
    }
  } finally {
    await client.end();
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function seed(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ sessions: number; long: number; messages: number }>(
      `select (select count(*) from chat_sessions where user_id = $1)::int as sessions,
              (select count(*) from chat_sessions where user_id = $1 and message_count = $2)::int as long,
              (select count(*) from chat_messages m join chat_sessions s on s.id = m.session_id where s.user_id = $1)::int as messages`,
      [USER_ID, LONG],
    );
    const have = rows[0]!;
    if (
      !reseed &&
      have.sessions === SESSIONS &&
      have.long === SESSIONS / 1000 &&
      have.messages === MESSAGES
    ) {
      console.error(
        `seed: ${SESSIONS} sessions and ${have.messages} messages already there (--reseed to start over)`,
      );
      return;
    }
    const started = performance.now();
    await client.query('set synchronous_commit = off');
    await client.query(`set maintenance_work_mem = '256MB'`);
    await client.query('delete from users where id = any($1)', [[USER_ID, OTHER_USER_ID]]);
    await client.query(
      `insert into users (id, email, display_name, role, password_hash)
       values ($1, 'bench@parley.local', 'Bench', 'user', null), ($2, 'bench-other@parley.local', 'Other', 'user', null)`,
      [USER_ID, OTHER_USER_ID],
    );
    // Every timestamp at millisecond precision, as the application writes them (cursors carry
    // milliseconds). Sessions come in pairs with the same last activity, so ids break ties.
    // One session in 50 is soft-deleted: the list's partial index leaves them out.
    for (let from = 0; from < SESSIONS; from += CHUNK) {
      const to = Math.min(SESSIONS, from + CHUNK) - 1;
      await client.query(
        `insert into chat_sessions (id, user_id, title, title_source, created_at, updated_at, last_activity_at, message_count, deleted_at)
         select md5('bench-session-' || i)::uuid, $1,
                initcap(w[1 + i % 12]) || ' ' || w[1 + (i / 12) % 12] || ' notes ' || i, 'auto',
                t - interval '2 hours', t, t, case when ${isLong('i')} then $2::int else $3::int end,
                case when i % 50 = 49 then t + interval '1 minute' end
         from generate_series($4::int, $5::int) as i,
              lateral (select date_trunc('milliseconds', timestamptz '2026-11-22 12:00:00+00' - (i / 2) * interval '317.123 seconds') as t) as times,
              (select array['lisbon','porto','kyoto','bread','rust','postgres','garden','invoice','guitar','physics','tax','recipe'] as w) as words`,
        [USER_ID, LONG, SHORT, from, to],
      );
      await client.query(
        `insert into chat_messages (id, session_id, role, content, status, token_count, token_count_estimated, model, finish_reason, error_code, created_at, updated_at)
         select md5('bench-message-' || i || '-' || j)::uuid, md5('bench-session-' || i)::uuid,
                case when j % 2 = 0 then 'user' else 'assistant' end,
                case when j % 2 = 0
                     then 'Question ' || j || ' about ' || w[1 + (i + j) % 12] || ' and ' || w[1 + (i * 7 + j) % 12] || '?'
                     else 'Here is an answer about ' || w[1 + (i + j) % 12] || ': ' || repeat(w[1 + (i * 3 + j) % 12] || ' ' || w[1 + (i + 5 * j) % 12] || ' ', 12) end,
                'complete', 40, false,
                case when j % 2 = 1 then 'bench-model' end,
                case when j % 2 = 1 then 'stop' end, null,
                t, t
         from generate_series($1::int, $2::int) as i,
              lateral (select case when ${isLong('i')} then $3::int else $4::int end as n) as counts,
              lateral generate_series(0, n - 1) as j,
              -- Two messages per instant (a question and its quick answer): equal timestamps are
              -- normal. The last pair is at the session's last activity.
              lateral (select date_trunc('milliseconds', timestamptz '2026-11-22 12:00:00+00' - (i / 2) * interval '317.123 seconds'
                                - ((n - 1 - j) / 2) * interval '30 seconds') as t) as times,
              (select array['lisbon','porto','kyoto','bread','rust','postgres','garden','invoice','guitar','physics','tax','recipe'] as w) as words`,
        [from, to, LONG, SHORT],
      );
      console.error(`seed: ${to + 1} sessions (${seconds(started)} s)`);
    }
    // Someone else's rows in the same tables and indexes.
    await client.query(
      `insert into chat_sessions (id, user_id, title, title_source, created_at, updated_at, last_activity_at, message_count)
       select md5('bench-other-' || i)::uuid, $1, 'Other ' || i, 'auto', t, t, t, 0
       from generate_series(0, 9999) as i,
            lateral (select date_trunc('milliseconds', timestamptz '2026-11-22 12:00:00+00' - i * interval '61 seconds') as t) as times`,
      [OTHER_USER_ID],
    );
    console.error(`seed: done in ${seconds(started)} s; vacuum analyze…`);
    await client.query('vacuum (analyze) chat_sessions');
    await client.query('vacuum (analyze) chat_messages');
    console.error(`seed: ready after ${seconds(started)} s`);
  } finally {
    client.release();
  }
}

/** A Kysely whose last query can be replayed under EXPLAIN: the real repository's SQL, exactly. */
function recordingKysely(pool: pg.Pool): { db: Kysely<Database>; last: () => CompiledQuery } {
  let last: CompiledQuery | undefined;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') last = event.query;
    },
  });
  return {
    db,
    last: () => {
      if (!last) throw new Error('no query recorded');
      return last;
    },
  };
}

interface Measured {
  label: string;
  plan: string;
  planningMs: number;
  executionMs: number;
  rows: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function explain(pool: pg.Pool, label: string, query: CompiledQuery): Promise<Measured> {
  const params = [...query.parameters];
  const run = async () => {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${query.sql}`,
      params,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const ms = (name: string) => Number(new RegExp(`${name}: ([\\d.]+) ms`).exec(plan)?.[1] ?? NaN);
    return { plan, planningMs: ms('Planning Time'), executionMs: ms('Execution Time') };
  };
  await run(); // warm the cache: the numbers are for a warm database, as in steady use
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  const executionMs = median(runs.map((r) => r.executionMs));
  const typical = runs.find((r) => r.executionMs === executionMs) ?? runs[0]!;
  const rows = (await pool.query(query.sql, params)).rowCount ?? 0;
  return { label, plan: typical.plan, planningMs: median(runs.map((r) => r.planningMs)), executionMs, rows };
}

await ensureDatabase();
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
try {
  const { db, last } = recordingKysely(pool);
  await migrateToLatest(db);
  await seed(pool);

  const sessions = new KyselyChatSessionRepository(db);
  const messages = new KyselyChatMessageRepository(db);
  const listSessions = new ListSessions(sessions);
  const results: Measured[] = [];

  // Page 1, then 999 nextCursors through the real use case: the cursor of each page is built
  // from its last row exactly as the API builds it.
  let page = await listSessions.execute(USER_ID, { limit: PAGE });
  results.push(await explain(pool, 'sessions: page 1', last()));
  const walkStarted = performance.now();
  for (let n = 2; n <= PAGES; n++) {
    if (!page.nextCursor) throw new Error(`no nextCursor after page ${n - 1}`);
    page = await listSessions.execute(USER_ID, { limit: PAGE, cursor: page.nextCursor });
  }
  const walkMs = performance.now() - walkStarted;
  results.push(await explain(pool, `sessions: page ${PAGES} (after ${PAGES - 1} cursors)`, last()));
  const seenOnPage = page.items.length;

  // A long session's latest 50 messages (GET /chat/sessions/{id}) and the page before them.
  const long = await sql<{ id: string }>`
    select id from chat_sessions where user_id = ${USER_ID} and message_count = ${LONG} and deleted_at is null
    order by last_activity_at desc offset 20 limit 1`.execute(db);
  const target = long.rows[0]!;
  const detail = await new GetSession(sessions, messages).execute(USER_ID, target.id);
  results.push(await explain(pool, 'messages: latest 50 of a session', last()));
  if (detail.messagesCursor) {
    await new ListMessages(sessions, messages).execute(USER_ID, target.id, {
      limit: PAGE,
      cursor: detail.messagesCursor,
    });
    results.push(await explain(pool, 'messages: an older page (cursor)', last()));
  }
  // Search, for information (not under the 5 ms target): a frequent pair of words (the synthetic
  // text has a 12-word vocabulary, so each matches a twelfth of all messages) and a rare one.
  await listSessions.execute(USER_ID, { limit: PAGE, q: 'kyoto guit' });
  results.push(await explain(pool, 'search q="kyoto guit" (frequent): page 1', last()));
  await listSessions.execute(USER_ID, { limit: PAGE, q: 'notes 4242' });
  results.push(await explain(pool, 'search q="notes 4242" (one title): page 1', last()));

  const total = await sql<{ n: number }>`select count(*)::int as n from chat_messages`.execute(db);
  console.log(`\n## Chat list at scale\n`);
  console.log(
    `One user with ${SESSIONS.toLocaleString('en-US')} sessions (every 50th soft-deleted; 1 in 1,000 with ${LONG.toLocaleString('en-US')} messages, the others ${SHORT}) and ${total.rows[0]!.n.toLocaleString('en-US')} messages; plus 10,000 sessions of another user.`,
  );
  console.log(
    `Walking pages 2..${PAGES} through ListSessions: ${walkMs.toFixed(0)} ms in all, ${(walkMs / (PAGES - 1)).toFixed(2)} ms per page round trip; page ${PAGES} holds ${seenOnPage} sessions.\n`,
  );
  console.log(`EXPLAIN (ANALYZE, BUFFERS), warm cache, median of ${RUNS} runs:\n`);
  console.log('| query | rows | planning ms | execution ms |');
  console.log('|---|---:|---:|---:|');
  for (const r of results)
    console.log(`| ${r.label} | ${r.rows} | ${r.planningMs.toFixed(3)} | ${r.executionMs.toFixed(3)} |`);
  for (const r of results) console.log(`\n### ${r.label}\n\n\`\`\`\n${r.plan}\n\`\`\``);
} finally {
  await pool.end().catch(() => {});
}
