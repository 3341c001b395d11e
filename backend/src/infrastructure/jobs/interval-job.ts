import type { Logger } from '../../application/ports/logger.port.js';

export interface RunningJob {
  stop(): Promise<void>;
}

/**
 * Runs `work` now and then every `everyMs`, never two runs at once, errors logged and never
 * fatal. The timer is unref'd: a job never keeps the process alive; `stop()` waits for a run
 * in progress so shutdown does not close the database under it.
 */
export function startIntervalJob(
  name: string,
  everyMs: number,
  work: () => Promise<unknown>,
  logger: Logger,
): RunningJob {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = work()
      .then((result) => {
        if (typeof result === 'number' && result > 0)
          logger.info({ job: name, affected: result }, `${name}: done`);
      })
      .catch((error: unknown) => logger.error({ err: error, job: name }, `${name} failed`))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
