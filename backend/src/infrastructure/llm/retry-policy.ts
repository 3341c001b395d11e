import { ModelError } from './provider-failures.js';

/*
 * Retries happen before the first token only, inside the one breaker call of a user request
 * (so a request that fails after its retries counts once toward the breaker, not three times):
 * - at most `maxRetries` more attempts after the first;
 * - only for failures that may pass on their own: unreachable, 5xx/408, 429, a broken stream;
 *   never a refusal (other 4xx: the same request fails the same way), never a timeout (the
 *   first-token clock covers all attempts, so none would have time left), never a cancellation;
 * - never once text has reached the caller: a reply cannot be replayed;
 * - after `baseDelayMs · 2^retry` capped at `maxDelayMs`, with "equal jitter" (half fixed, half
 *   random), so instances that failed together do not all come back at the same moment.
 */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 2_000 };

export function isRetryable(error: unknown): boolean {
  return error instanceof ModelError && !error.partial && error.kind !== 'rejected';
}

/** The wait before retry number `retry + 1` (`retry` counts from 0). `random` returns [0, 1). */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
