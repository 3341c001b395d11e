import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedis } from '../../../src/infrastructure/cache/create-redis.js';
import { TEST_REDIS_URL } from '../../support/test-database.js';

export { TestClock as ManualClock } from '../../support/test-clock.js';

const DAY_MS = 86_400_000;

/**
 * For files that time-zone.test.ts runs again with TZ set: records the zone the process really
 * had, so the parent can prove it applied (call from afterAll).
 */
export function writeTimeZoneProbe(): void {
  const probe = process.env.LIMITS_TZ_PROBE_FILE;
  if (!probe) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  writeFileSync(
    probe,
    JSON.stringify({ zone, januaryOffsetMinutes: new Date(Date.UTC(2031, 0, 15)).getTimezoneOffset() }),
  );
}

/**
 * The test calendar: a UTC day two days ahead of the real one. The adapters compute expiry
 * from the injected clock, and Redis deletes a key whose PEXPIREAT is in its own past, so
 * test instants must lie in Redis's future for the keys to exist at all.
 */
export function testCalendar(): {
  at(time: string, dayOffset?: number): Date;
  day(dayOffset?: number): string;
} {
  const base = (Math.floor(Date.now() / DAY_MS) + 2) * DAY_MS;
  const day = (offset = 0) => new Date(base + offset * DAY_MS).toISOString().slice(0, 10);
  return { day, at: (time, offset = 0) => new Date(`${day(offset)}T${time}Z`) };
}

export const uniqueId = (label = 'user') => `${label}-${randomBytes(6).toString('hex')}`;

/** A unique key prefix per test file, so files never see each other's keys. */
export const uniquePrefix = (file: string) => `test:limits:${file}:${randomBytes(4).toString('hex')}:`;

/** createRedis (the production settings: fail fast, no offline queue), once it is ready. */
export async function connectRedis(url = TEST_REDIS_URL, keyPrefix?: string): Promise<Redis> {
  const redis = createRedis(url, { keyPrefix, connectionName: 'parley-test-limits' });
  await untilReady(redis, url);
  return redis;
}

export async function untilReady(redis: Redis, label = 'redis', timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      once(redis, 'ready'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label} not ready within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every key under `prefix`, read with a client that has no keyPrefix of its own. */
export async function keysUnder(raw: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

export async function deleteUnder(raw: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(raw, prefix);
  if (keys.length > 0) await raw.del(...keys);
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real, throw-away redis-server (no persistence) that the test can stop, freeze and restart. */
export interface RedisServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRedisServer(port: number): Promise<RedisServerProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    void exited.then(() =>
      reject(new Error(`redis-server on ${port} exited before it was ready:\n${output}`)),
    );
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * For a test file: a prefixed client (what the adapter under test uses) and a raw one (to look
 * at keys), connected before the tests and with every key under the prefix deleted after.
 * Read `.redis` / `.raw` inside tests, after beforeAll has run.
 */
export function redisForFile(label: string): {
  readonly prefix: string;
  readonly redis: Redis;
  readonly raw: Redis;
} {
  const prefix = uniquePrefix(label);
  let redis: Redis | undefined;
  let raw: Redis | undefined;
  beforeAll(async () => {
    redis = await connectRedis(undefined, prefix);
    raw = await connectRedis();
  });
  afterAll(async () => {
    if (raw) await deleteUnder(raw, prefix);
    redis?.disconnect();
    raw?.disconnect();
  });
  return {
    prefix,
    get redis() {
      return redis!;
    },
    get raw() {
      return raw!;
    },
  };
}
