import { useEffect, useRef } from 'react';
import { useQuota, useRefreshQuota } from '../api/get-quota';
import { nextResetOf } from '../lib/quota';
import { useNow } from './use-now';

const RETRY_AFTER_RESET_MS = 5_000;

/**
 * The current time, ticking every second while some limit is in use, and a refetch of the
 * quota each time a window resets (so the countdown ends in fresh numbers, not a stale zero).
 * Mount once (the quota display does).
 */
export function useQuotaClock(): number {
  const quota = useQuota();
  const refresh = useRefreshQuota();
  const nextReset = nextResetOf(quota.data);
  const now = useNow(nextReset !== null);
  const lastRefresh = useRef(0);

  useEffect(() => {
    if (nextReset === null || now < nextReset) return;
    // If the server still reports the old window (clocks differ a little), ask again shortly.
    if (now - lastRefresh.current < RETRY_AFTER_RESET_MS) return;
    lastRefresh.current = now;
    refresh();
  }, [now, nextReset, refresh]);

  return now;
}
