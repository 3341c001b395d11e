import { Clock } from 'lucide-react';
import { useQuota } from '../api/get-quota';
import { useNow } from '../hooks/use-now';
import { blockingWindow, describeDuration, formatCountdown } from '../lib/quota';

/** Why sending is paused (a used-up limit) and the time until it resets. */
export function QuotaNotice() {
  const quota = useQuota();
  const blocking = blockingWindow(quota.data);
  const now = useNow(blocking !== null);
  if (!blocking) return null;
  const seconds = (blocking.resetAt - now) / 1000;
  return (
    <p className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300 [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0">
      <Clock aria-hidden="true" />
      <span>
        {blocking.kind === 'day'
          ? `You have used all ${blocking.limit} messages for today.`
          : `You have sent ${blocking.limit} messages this minute, the most allowed.`}{' '}
        You can send again in{' '}
        <span className="font-medium tabular-nums" aria-hidden="true">
          {formatCountdown(seconds)}
        </span>
        {/* Coarse words for screen readers: the digits change every second. */}
        <span className="sr-only">{seconds < 60 ? 'less than a minute' : describeDuration(seconds)}</span>.
      </span>
    </p>
  );
}
