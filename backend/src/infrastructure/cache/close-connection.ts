import { once } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * Drops a dedicated connection and resolves once its socket has closed, so Redis has let go of
 * it too. Not QUIT: that would wait behind a blocking read in flight, and a subscriber queues
 * it while Redis is down.
 */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  // Between two attempts to reconnect there is no socket: disconnect() only cancels the next
  // attempt and no 'end' follows, so there is nothing to wait for.
  if (connection.status === 'reconnecting' || connection.status === 'close') {
    connection.disconnect();
    return;
  }
  const ended = once(connection, 'end');
  connection.disconnect();
  await ended;
}
