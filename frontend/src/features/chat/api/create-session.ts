import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { sessionListsKey } from './list-sessions';
import type { ChatSession } from './types';

/** POST /chat/sessions: a new session at the top of the list ("New chat" until named). */
export function createSession(): Promise<ChatSession> {
  return unwrap(api.POST('/chat/sessions', { body: {} }));
}

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionListsKey }),
  });
}
