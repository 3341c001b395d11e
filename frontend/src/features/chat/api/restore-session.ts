import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { sessionListsKey } from './list-sessions';
import type { ChatSession } from './types';

/** POST /chat/sessions/{id}/restore: undoes a delete. */
export function restoreSession(id: string): Promise<ChatSession> {
  return unwrap(api.POST('/chat/sessions/{id}/restore', { params: { path: { id } } }));
}

export function useRestoreSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionListsKey }),
  });
}
