import { useId } from 'react';
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useHealth, type HealthStatus } from '../api/get-health';

// The label carries the meaning; colour only reinforces it.
const STATUS_BADGE: Record<HealthStatus, { label: string; variant: BadgeVariant }> = {
  ok: { label: 'OK', variant: 'success' },
  degraded: { label: 'Degraded', variant: 'warning' },
  down: { label: 'Down', variant: 'destructive' },
  off: { label: 'Not used', variant: 'outline' },
  unknown: { label: 'Unknown', variant: 'outline' },
};

const CHECK_LABELS: Record<string, string> = {
  database: 'Database',
  redis: 'Redis',
  llm: 'Language model',
};

function StatusBadge({ status }: { status: HealthStatus }) {
  const { label, variant } = STATUS_BADGE[status];
  return <Badge variant={variant}>{label}</Badge>;
}

/** Server readiness (GET /readyz), refreshed in the background. */
export function HealthCard() {
  const titleId = useId();
  const { data, isError, isFetching, refetch } = useHealth();

  return (
    <Card role="region" aria-labelledby={titleId}>
      <CardHeader>
        <div className="grid gap-1.5">
          <CardTitle asChild>
            <h2 id={titleId}>Server status</h2>
          </CardTitle>
          <CardDescription>Readiness of the server and what it depends on.</CardDescription>
        </div>
        {data && (
          <p className="flex items-center gap-2 text-sm">
            Overall <StatusBadge status={data.status} />
          </p>
        )}
      </CardHeader>
      <CardContent aria-busy={!data && !isError}>
        {data ? (
          <ul aria-label="Checks" className="divide-y">
            {data.checks.map((check) => (
              <li key={check.name} className="flex items-center justify-between gap-4 py-2">
                <span className="grid">
                  <span className="text-sm font-medium">{CHECK_LABELS[check.name] ?? check.name}</span>
                  {check.detail && <span className="text-xs text-muted-foreground">{check.detail}</span>}
                </span>
                <StatusBadge status={check.status} />
              </li>
            ))}
          </ul>
        ) : isError ? (
          // The reason is toasted by the query cache; here we only offer the way out.
          <div className="flex items-center justify-between gap-4">
            <p className="text-sm text-muted-foreground">Status unavailable.</p>
            <Button variant="outline" size="sm" disabled={isFetching} onClick={() => void refetch()}>
              Retry
            </Button>
          </div>
        ) : (
          <div className="grid gap-3">
            <span className="sr-only">Checking server status…</span>
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-full" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
