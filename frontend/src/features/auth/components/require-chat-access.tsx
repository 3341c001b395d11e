import type { ReactNode } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { chatAccess, useMe } from '../api/get-me';
import { AccountLoadError } from './account-load-error';
import { ChatUnavailable } from './chat-unavailable';

/**
 * Chat ships behind a staged rollout: GET /me says whether it is on for this user. Those it
 * has not reached yet get an explanation instead of a page whose every request would answer
 * 403; those whose chat is paused keep their history (the chat page words itself for that).
 * Either way GET /events refetches /me when it changes, so the page follows by itself.
 */
export function RequireChatAccess({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Spinner label="Loading your account…" className="justify-center py-16" />;
  if (me.isError) return <AccountLoadError onRetry={() => void me.refetch()} />;
  if (chatAccess(me.data) === 'not_yet') return <ChatUnavailable email={me.data.email} />;
  return children;
}
