import { Power } from 'lucide-react';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { formatPercent, plural } from '../../shared/lib/format';
import type { Feature } from '../../shared/types';
import type { RuleControlProps } from '../lib/save-rules';

/** "admins, 1 cohort, 2 listed users and 10% of users" */
function audienceSummary({ audience }: Feature): string {
  const parts = [
    ...audience.roles.map((role) => (role === 'admin' ? 'admins' : 'every user with the user role')),
    ...(audience.cohortIds.length > 0 ? [plural(audience.cohortIds.length, 'cohort')] : []),
    ...(audience.userIds.length > 0 ? [plural(audience.userIds.length, 'listed user')] : []),
    ...(audience.percentage > 0 ? [`${formatPercent(audience.percentage)} of users`] : []),
  ];
  if (parts.length === 0) return 'nobody (the audience is empty)';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The flag's on/off switch. Off is the kill switch: everyone loses chat within seconds,
 * admins included, and the audience is kept for when it comes back on. Both directions ask
 * first; turning off is the red one.
 */
export function FlagSwitch({ feature, save, pending }: RuleControlProps) {
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const on = feature.enabled;

  const confirm = async () => {
    const saved = await save(
      (rules) => ({ ...rules, enabled: !on }),
      on ? 'Chat flag turned off: nobody has chat.' : 'Chat flag turned on for the audience.',
    );
    if (saved) setConfirming(false);
  };

  return (
    <section
      aria-labelledby={titleId}
      className={cn(
        'grid gap-3 rounded-lg border p-4',
        on ? 'border-destructive/40' : 'border-warning bg-warning/10',
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={titleId} className="font-medium">
              Chat flag
            </h3>
            <Badge variant={on ? 'success' : 'destructive'}>{on ? 'On' : 'Off'}</Badge>
          </div>
          <p className="text-sm text-muted-foreground">
            {on
              ? `On: chat is open to ${audienceSummary(feature)}.`
              : 'Off: nobody has chat, admins included. The audience below is kept for when it is turned back on.'}
          </p>
        </div>
        {/* One button whose meaning flips, so focus stays on it after the change. */}
        <Button
          variant={on ? 'destructive' : 'default'}
          size="lg"
          aria-disabled={pending || undefined}
          onClick={() => setConfirming(true)}
        >
          <Power aria-hidden="true" />
          {on ? 'Turn chat off for everyone' : 'Turn chat on'}
        </Button>
      </div>
      {on && (
        <p className="text-xs text-muted-foreground">
          The emergency switch: use it when something is wrong. It takes effect on every server within
          seconds.
        </p>
      )}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={on ? 'Turn chat off for everyone?' : 'Turn chat on?'}
        confirmLabel={on ? 'Turn chat off' : 'Turn chat on'}
        pendingLabel={on ? 'Turning off…' : 'Turning on…'}
        variant={on ? 'destructive' : 'default'}
        pending={pending}
        onConfirm={() => void confirm()}
      >
        {on ? (
          <>
            <p>
              This is the kill switch. Everyone loses chat within seconds, admins included: new messages are
              refused and the chat page shows “not available”.
            </p>
            <p>
              The audience ({audienceSummary(feature)}) is kept, so turning chat back on restores it exactly
              as it was.
            </p>
          </>
        ) : (
          <>
            <p>Chat opens again to {audienceSummary(feature)}, within seconds.</p>
            {!feature.deploymentEnabled && (
              <p>
                The deployment switch is off, so nobody gets chat until the server is restarted with
                FEATURE_CHAT_ENABLED=true.
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
