/*
 * Waiting between attempts, for every connection that tries again (a send's JSON fallback, a
 * reply being followed, the live-updates feed): a pause that an AbortSignal cuts short, the
 * browser coming back online, and one backoff curve.
 */

/** Resolves true after `ms`, or false at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves when the browser reports a connection (at once when it already does), or the signal aborts. */
export function waitUntilOnline(signal: AbortSignal): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    window.addEventListener('online', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/**
 * How long to wait before attempt `n` (1 for the first retry): doubling from half a second up
 * to 15 s, with up to a fifth of random spread so that many clients cut off at once (a
 * restarted server) do not all come back in the same instant.
 */
export function backoffDelay(attempt: number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - Math.random() * 0.2));
}
