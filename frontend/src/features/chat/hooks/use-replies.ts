import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionReplies } from '../lib/exchange';
import type { Replies } from './use-reply-runs';

export const RepliesContext = createContext<Replies | null>(null);

export function useReplies(): Replies {
  const replies = useContext(RepliesContext);
  if (!replies) throw new Error('useReplies needs the chat page around it');
  return replies;
}

/** The reply one session shows; re-renders only when that session changes. */
export function useSessionReplies(sessionId: string): SessionReplies {
  const { store } = useReplies();
  return useSyncExternalStore(store.subscribe, () => store.get(sessionId));
}

/** Whether some reply is reconnecting after its connection dropped. */
export function useReconnecting(): boolean {
  const { store } = useReplies();
  return useSyncExternalStore(store.subscribe, store.isReconnecting);
}
