import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useFeature } from '../../shared/api/get-feature';
import { AdminErrorBoundary } from '../../shared/components/admin-error-boundary';
import { LoadError } from '../../shared/components/load-error';
import { CHAT_FEATURE } from '../../shared/types';
import { ChatFlagCard } from './chat-flag-card';
import { CheckUserCard } from './check-user-card';

function FlagCardSkeleton() {
  return (
    <Card aria-busy="true">
      <span role="status" className="sr-only">
        Loading the chat rollout…
      </span>
      <CardHeader>
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-5 w-32" />
      </CardHeader>
      <CardContent className="grid gap-4">
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-40 w-full" />
      </CardContent>
    </Card>
  );
}

/** The chat flag and "check a user". */
export function RolloutTab({ currentUserId }: { currentUserId: string }) {
  const feature = useFeature(CHAT_FEATURE);
  // Rules already shown stay shown (with their kill switch) if a later refetch fails.
  if (!feature.data) {
    return feature.isError ? (
      <LoadError what="The chat rollout" onRetry={() => void feature.refetch()} />
    ) : (
      <FlagCardSkeleton />
    );
  }
  return (
    <>
      {/* Separate boundaries: whatever breaks in "check a user", the kill switch stays. */}
      <AdminErrorBoundary section="The chat rollout">
        <ChatFlagCard feature={feature.data} currentUserId={currentUserId} />
      </AdminErrorBoundary>
      <AdminErrorBoundary section="Check a user">
        <CheckUserCard feature={feature.data} />
      </AdminErrorBoundary>
    </>
  );
}
