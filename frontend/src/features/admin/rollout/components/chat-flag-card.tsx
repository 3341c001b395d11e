import { useCallback, useId, useState } from 'react';
import { SectionCard } from '@/components/section-card';
import { Badge } from '@/components/ui/badge';
import { CardFooter } from '@/components/ui/card';
import { Separator } from '@/components/ui/separator';
import type { Feature } from '../../shared/types';
import { useUpdateFeature } from '../api/update-feature';
import type { SaveRules } from '../lib/save-rules';
import { AudienceCohorts } from './audience-cohorts';
import { AudienceRoles } from './audience-roles';
import { AudienceUsers } from './audience-users';
import { DeploymentSwitch } from './deployment-switch';
import { FlagSwitch } from './flag-switch';
import { LastChanged } from './last-changed';
import { PercentageControl } from './percentage-control';

function effectiveState(feature: Feature) {
  if (!feature.deploymentEnabled)
    return { label: 'Off for everyone: deployment switch', variant: 'destructive' as const };
  if (!feature.enabled) return { label: 'Off for everyone: flag off', variant: 'destructive' as const };
  return { label: 'On for the audience', variant: 'success' as const };
}

/**
 * The chat flag: the deployment switch (read-only), the flag's on/off (kill) switch, and the
 * audience. Every change is one PUT of the whole rules (the API replaces them), saved one at
 * a time: while one is saving, the others wait.
 */
export function ChatFlagCard({ feature, currentUserId }: { feature: Feature; currentUserId: string }) {
  const audienceId = useId();
  const update = useUpdateFeature();
  const [announcement, setAnnouncement] = useState('');
  const { mutateAsync } = update;

  const save = useCallback<SaveRules>(
    async (edit, saved) => {
      setAnnouncement('');
      try {
        await mutateAsync({ key: feature.key, edit });
        setAnnouncement(`Saved. ${saved}`);
        return true;
      } catch {
        // The mutation cache toasts why; the card shows the rules as they are now.
        return false;
      }
    },
    [mutateAsync, feature.key],
  );
  const pending = update.isPending;
  const state = effectiveState(feature);
  const props = { feature, save, pending };

  return (
    <SectionCard
      title="Chat rollout"
      description={feature.description}
      aside={<Badge variant={state.variant}>{state.label}</Badge>}
      contentClassName="grid gap-6"
      footer={
        <CardFooter className="flex-col items-start gap-1 border-t pt-6">
          <LastChanged feature={feature} currentUserId={currentUserId} />
          <p role="status" className="text-sm font-medium">
            {announcement}
          </p>
        </CardFooter>
      }
      aria-busy={pending || undefined}
    >
      <DeploymentSwitch enabled={feature.deploymentEnabled} />
      <FlagSwitch {...props} />
      <Separator />
      <section aria-labelledby={audienceId} className="grid gap-6">
        <div className="grid gap-1">
          <h3 id={audienceId} className="font-medium">
            Audience
          </h3>
          <p className="text-sm text-muted-foreground">
            While the flag is on, a user has chat when any one of these includes them.
          </p>
        </div>
        <AudienceRoles {...props} />
        <AudienceCohorts {...props} />
        <AudienceUsers {...props} />
        <PercentageControl {...props} />
      </section>
    </SectionCard>
  );
}
