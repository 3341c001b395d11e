import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatStreams, SessionStreamState } from '../lib/chat-streams';

export const ChatStreamsContext = createContext<ChatStreams | null>(null);

export function useChatStreams(): ChatStreams {
  const streams = useContext(ChatStreamsContext);
  if (!streams) throw new Error('useChatStreams needs the chat page around it');
  return streams;
}

/** The exchange streaming in one session; re-renders only when that session changes. */
export function useSessionStream(sessionId: string): SessionStreamState {
  const streams = useChatStreams();
  return useSyncExternalStore(streams.subscribe, () => streams.get(sessionId));
}

/** Whether some send is retrying after its stream failed. */
export function useReconnecting(): boolean {
  const streams = useChatStreams();
  return useSyncExternalStore(streams.subscribe, streams.isReconnecting);
}
