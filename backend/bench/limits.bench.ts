/**
 * Checks per second of the Lua limiter (one EVALSHA: two GETs, two INCRs, two PEXPIREATs)
 * against the cheapest possible counter (one INCR), on the same Redis, the same connection
 * and the same concurrency, in interleaved rounds (order alternating) so that drift and
 * warm-up hit both alike. Reports medians and the ratio as a Markdown table.
 *
 *   make bench-limits                         (from the repository root)
 *   pnpm exec tsx bench/limits.bench.ts       (from backend/; BENCH_REDIS_URL or TEST_REDIS_URL, loopback only)
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/infrastructure/cache/create-redis.js';
import { RedisRateLimiter } from '../src/infrastructure/limits/redis-rate-limiter.adapter.js';

const ROUNDS = 7;
const OPS_PER_ROUND = 20_000;
const CONCURRENCY = 32;
const USERS = 500;

const url = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const host = new URL(url).hostname;
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
  console.error(`Refusing to benchmark a non-loopback Redis (${host}): this is a local measurement.`);
  process.exit(2);
}

async function ready(redis: Redis): Promise<Redis> {
  if (redis.status !== 'ready') await once(redis, 'ready');
  return redis;
}

/** Runs `ops` operations with `CONCURRENCY` in flight; returns operations per second. */
async function measure(ops: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < ops; i = next++) await op(i);
    }),
  );
  return ops / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const prefix = `bench:limits:${process.pid}:${randomBytes(3).toString('hex')}:`;
const redis = await ready(createRedis(url, { keyPrefix: prefix, connectionName: 'parley-bench' }));
const raw = await ready(createRedis(url, { connectionName: 'parley-bench-cleanup' }));
try {
  const limiter = new RedisRateLimiter(redis);
  // Real time: the keys' expiry is computed from `now` and must lie in Redis's future.
  const now = new Date();
  const ops = {
    'Lua limiter (consume)': (i: number) =>
      limiter.consume({ userId: `u${i % USERS}`, now, perMinute: 1_000_000_000, daily: 1_000_000_000 }),
    'INCR baseline': (i: number) => redis.incr(`baseline:u${i % USERS}`),
  };
  const names = Object.keys(ops) as (keyof typeof ops)[];
  for (const name of names) await measure(OPS_PER_ROUND / 4, ops[name]); // warm-up, scripts loaded

  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) results[name]!.push(await measure(OPS_PER_ROUND, ops[name]));
  }

  const info = await raw.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  const lua = median(results[names[0]!]!);
  const incr = median(results[names[1]!]!);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`## Limits benchmark\n`);
  console.log(`| | |\n|---|---|`);
  console.log(`| machine | ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.release()} |`);
  console.log(`| runtime | Node ${process.version}, Redis ${redisVersion} at ${url} (loopback) |`);
  console.log(
    `| load | ${ROUNDS} interleaved rounds × ${fmt(OPS_PER_ROUND)} ops, ${CONCURRENCY} in flight, ${USERS} users, one connection |`,
  );
  console.log(
    `| command | \`cd backend && pnpm exec tsx bench/limits.bench.ts\` (\`make bench-limits\`) |\n`,
  );
  console.log(`| operation | median checks/s | all rounds |\n|---|---:|---|`);
  for (const name of names)
    console.log(`| ${name} | ${fmt(median(results[name]!))} | ${results[name]!.map(fmt).join(', ')} |`);
  console.log(
    `\nLua limiter / INCR baseline: **${(lua / incr).toFixed(2)}×** (the limiter does 6 commands in one round trip).`,
  );
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await raw.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  raw.disconnect();
}
