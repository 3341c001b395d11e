import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Logger } from '../../../src/application/ports/logger.port.js';
import { createRedis } from '../../../src/infrastructure/cache/create-redis.js';
import { TEST_REDIS_URL } from '../../support/test-database.js';
import { deleteUnder, untilReady } from '../limits/limits-test-kit.js';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const uniqueReplyId = () => `reply-${randomBytes(6).toString('hex')}`;

/**
 * For a test file: "instances" of the app on the real Redis, all under one key prefix unique
 * to the file, each with its own shared client (the production settings of createRedis) and a
 * connection name unique to the file, so CLIENT LIST shows which connections are ours. What a
 * test creates is closed after it; the keys under the prefix are deleted after the file.
 */
export function redisInstances(label: string): {
  readonly prefix: string;
  /** A client without a prefix, to look at keys and connections. */
  readonly raw: Redis;
  /** A new instance's shared client; closed after the test. */
  client(): Promise<Redis>;
  /** Runs `close` after the current test (adapters hold their own connections). */
  closeAfterTest(close: () => Promise<void> | void): void;
  /** The names of this file's open connections, as Redis sees them. */
  connectionNames(): Promise<string[]>;
  readonly connectionName: string;
} {
  const tag = randomBytes(4).toString('hex');
  const prefix = `test:replies:${label}:${tag}:`;
  const connectionName = `parley-test-replies-${tag}`;
  const cleanups: (() => Promise<void> | void)[] = [];
  let raw: Redis | undefined;
  beforeAll(async () => {
    raw = createRedis(TEST_REDIS_URL, { connectionName: `${connectionName}-inspector` });
    await untilReady(raw);
  });
  afterEach(async () => {
    // Adapters first, then the clients they were built on.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    if (raw) await deleteUnder(raw, prefix);
    raw?.disconnect();
  });
  return {
    prefix,
    connectionName,
    get raw() {
      return raw!;
    },
    async client() {
      const redis = createRedis(TEST_REDIS_URL, { keyPrefix: prefix, connectionName });
      cleanups.push(() => redis.disconnect());
      await untilReady(redis);
      return redis;
    },
    closeAfterTest(close) {
      cleanups.push(close);
    },
    async connectionNames() {
      const list = (await raw!.client('LIST')) as string;
      return list
        .split('\n')
        .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
        .filter((name) => name.startsWith(connectionName) && !name.endsWith('-inspector'));
    },
  };
}

/** A promise plus the function that resolves it: for a test that waits for a callback. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
