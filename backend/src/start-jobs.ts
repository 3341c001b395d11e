import type { Container } from 'inversify';
import type { AppContext } from './app-context.js';
import { PurgeDeletedSessions } from './application/chat/purge-deleted-sessions.use-case.js';
import { SweepStaleReplies } from './application/chat/send-message/sweep-stale-replies.use-case.js';
import { startPurgeDeletedSessionsJob } from './infrastructure/jobs/purge-deleted-sessions.job.js';
import { startIntervalJob, type RunningJob } from './infrastructure/jobs/interval-job.js';

/** The background jobs of one instance. Each is safe to run on every instance at once. */
export function startJobs(ctx: AppContext, container: Container): RunningJob {
  const jobs = [
    // Replies left `streaming` by an instance that died: interrupted after CHAT_STALE_REPLY_MS
    // unsaved (a minute by default), with a final event in their log.
    startIntervalJob(
      'sweep stale replies',
      // Often enough that a stale reply waits at most half its staleness more.
      Math.min(30_000, Math.max(1_000, ctx.config.chat.staleReplyMs / 2)),
      () => container.get(SweepStaleReplies).execute(),
      ctx.logger,
    ),
    // Deleted sessions past CHAT_RETENTION_DAYS: gone for good, messages included.
    startPurgeDeletedSessionsJob(container.get(PurgeDeletedSessions), ctx.logger),
  ];
  return { stop: async () => void (await Promise.all(jobs.map((job) => job.stop()))) };
}
