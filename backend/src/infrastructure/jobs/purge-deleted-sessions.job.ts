import type { PurgeDeletedSessions } from '../../application/chat/purge-deleted-sessions.use-case.js';
import type { Logger } from '../../application/ports/logger.port.js';
import { startIntervalJob, type RunningJob } from './interval-job.js';

/**
 * Sessions deleted more than CHAT_RETENTION_DAYS ago are purged once at start-up and then every
 * hour. Deletion times are days old, so an hour's lateness is nothing; every instance may run
 * it (the batches skip rows another instance is purging).
 */
export const PURGE_EVERY_MS = 3_600_000;

export function startPurgeDeletedSessionsJob(
  purge: PurgeDeletedSessions,
  logger: Logger,
  everyMs = PURGE_EVERY_MS,
): RunningJob {
  return startIntervalJob('purge deleted sessions', everyMs, () => purge.execute(), logger);
}
