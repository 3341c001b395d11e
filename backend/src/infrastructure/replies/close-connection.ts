import { once } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * Drops a dedicated connection and resolves once its socket has closed, so Redis has let go of
 * it too. Not QUIT: that would wait behind a blocking read in flight.
 */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  const ended = once(connection, 'end');
  connection.disconnect();
  await ended;
}
