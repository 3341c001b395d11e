import { Timestamp } from '@/components/timestamp';
import { useLatestAuditEntry } from '../../shared/api/get-audit-log';
import { useUserEmails } from '../../shared/hooks/use-names';
import type { Feature } from '../../shared/types';

/**
 * "Last changed <when> by <who>". The API gives `updatedBy` as a user id; the newest audit
 * entry about the flag names the same admin by email, which is what people recognise.
 */
export function LastChanged({ feature, currentUserId }: { feature: Feature; currentUserId: string }) {
  const latest = useLatestAuditEntry(`feature:${feature.key}`);
  const byId = feature.updatedBy;
  const fromAudit = latest.data?.actor.id === byId ? latest.data?.actor.email : undefined;
  const needLookup = byId !== null && byId !== currentUserId && !fromAudit && !latest.isPending;
  const emailOf = useUserEmails(needLookup);

  if (byId === null) {
    return (
      <p className="text-sm text-muted-foreground">
        Not changed since it was set up (<Timestamp iso={feature.updatedAt} />
        ).
      </p>
    );
  }
  const who = byId === currentUserId ? 'you' : (fromAudit ?? emailOf(byId) ?? `an admin (user ${byId})`);
  return (
    <p className="text-sm text-muted-foreground">
      Last changed <Timestamp iso={feature.updatedAt} /> by {who}.
    </p>
  );
}
