import { Redis } from 'ioredis';

/**
 * ioredis defaults would queue commands while disconnected and retry each one 20 times, so a
 * dead Redis would hang requests. Here a command fails fast instead, and the connection keeps
 * reconnecting in the background so recovery needs no restart.
 */
export function createRedis(
  url: string,
  options: { keyPrefix?: string; connectionName?: string } = {},
): Redis {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix,
    connectionName: options.connectionName ?? 'parley',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2_000,
    lazyConnect: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Errors surface on the commands that fail; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}
