import type { ReactNode } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '../api/get-me';
import { AccountLoadError } from './account-load-error';
import { ChatUnavailable } from './chat-unavailable';

/**
 * Chat ships behind a staged rollout: GET /me says whether it is on for this user. Those
 * without it get an explanation instead of a page whose every request would answer 403.
 */
export function RequireChatAccess({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Spinner label="Loading your account…" className="justify-center py-16" />;
  if (me.isError) return <AccountLoadError onRetry={() => void me.refetch()} />;
  if (!me.data.features.chat) return <ChatUnavailable email={me.data.email} />;
  return children;
}
