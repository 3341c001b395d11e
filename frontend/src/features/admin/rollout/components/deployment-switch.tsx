import { Lock } from 'lucide-react';
import { useId } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';

/** FEATURE_CHAT_ENABLED, as the server reports it: shown, explained, never editable here. */
export function DeploymentSwitch({ enabled }: { enabled: boolean }) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className={cn('grid gap-2 rounded-lg border p-4', !enabled && 'border-destructive/50 bg-destructive/5')}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Lock aria-hidden="true" className="size-4 text-muted-foreground" />
        <h3 id={titleId} className="font-medium">
          Deployment switch
        </h3>
        <Badge variant={enabled ? 'success' : 'destructive'}>{enabled ? 'On' : 'Off'}</Badge>
        <span className="text-xs text-muted-foreground">Read-only</span>
      </div>
      <p className="text-sm text-muted-foreground">
        <code className="font-mono text-xs">FEATURE_CHAT_ENABLED</code> is set where the server is deployed.
        Off means off for everyone, admins included, whatever the flag below says; only a restart with a
        different setting changes it.
      </p>
      {!enabled && (
        <p className="text-sm font-medium text-destructive">
          It is off: nobody has chat now. Changes below are saved and apply once it is switched on.
        </p>
      )}
    </section>
  );
}
