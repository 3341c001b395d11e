import { Infinity as InfinityIcon, TriangleAlert } from 'lucide-react';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils';
import { useQuota } from '../api/get-quota';
import { useQuotaClock } from '../hooks/use-quota-clock';
import { formatCountdown, windowsOf, type Level, type LimitWindow } from '../lib/quota';

const BAR: Record<Level, string> = {
  ok: 'bg-foreground/50',
  warning: 'bg-amber-500',
  exhausted: 'bg-red-600 dark:bg-red-500',
};
const TEXT: Record<Level, string> = {
  ok: 'text-muted-foreground',
  warning: 'font-medium text-amber-800 dark:text-amber-300',
  exhausted: 'font-medium text-red-700 dark:text-red-400',
};
const LABELS = { day: 'Today', minute: 'This minute' } as const;

function Meter({ window: w, now }: { window: LimitWindow; now: number }) {
  const label = LABELS[w.kind];
  const percent = w.limit > 0 ? Math.min(100, Math.round((w.used / w.limit) * 100)) : 100;
  return (
    <div data-level={w.level} data-window={w.kind} className="flex items-center gap-1.5 text-xs">
      <span className="text-muted-foreground">{label}</span>
      <div
        role="meter"
        aria-label={`Messages used ${label.toLowerCase()}`}
        aria-valuemin={0}
        aria-valuemax={w.limit}
        aria-valuenow={Math.min(w.used, w.limit)}
        aria-valuetext={`${w.used} of ${w.limit} used${w.level === 'exhausted' ? ', none left' : w.level === 'warning' ? ', running low' : ''}`}
        className="h-1.5 w-10 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn('h-full rounded-full', BAR[w.level])} style={{ width: `${percent}%` }} />
      </div>
      <span className={cn('tabular-nums', TEXT[w.level])} aria-hidden="true">
        {w.used}/{w.limit}
      </span>
      {w.level === 'warning' && (
        <TriangleAlert aria-hidden="true" className="size-3.5 text-amber-700 dark:text-amber-300" />
      )}
      {w.level === 'exhausted' && (
        <span className={cn('tabular-nums', TEXT.exhausted)}>
          resets in{' '}
          <time data-testid={`countdown-${w.kind}`} dateTime={new Date(w.resetAt).toISOString()}>
            {formatCountdown((w.resetAt - now) / 1000)}
          </time>
        </span>
      )}
    </div>
  );
}

/**
 * Used and allowed messages today and this minute: amber from 80% used, red when used up
 * with the time until the reset counting down. Refetched after each send (by the chat) and
 * whenever a window resets (useQuotaClock). Admins are unlimited.
 */
export function QuotaDisplay() {
  const quota = useQuota();
  const now = useQuotaClock();
  if (quota.isPending) return <Skeleton className="h-4 w-44" />;
  if (quota.isError) {
    return <span className="text-xs text-muted-foreground">Limits unavailable</span>;
  }
  if (quota.data.unlimited) {
    return (
      <span className="flex items-center gap-1 text-xs text-muted-foreground">
        <InfinityIcon aria-hidden="true" className="size-3.5" />
        Unlimited
      </span>
    );
  }
  const { day, minute } = windowsOf(quota.data);
  return (
    <div role="group" aria-label="Your limits" className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {day && <Meter window={day} now={now} />}
      {minute && <Meter window={minute} now={now} />}
    </div>
  );
}
