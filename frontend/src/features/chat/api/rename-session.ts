import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { editSessionLists } from './list-sessions';
import { putSession } from './get-session';
import type { ChatSession } from './types';

/** PATCH /chat/sessions/{id}: a new title (a title the user set is never replaced). */
export function renameSession({ id, title }: { id: string; title: string }): Promise<ChatSession> {
  return unwrap(api.PATCH('/chat/sessions/{id}', { params: { path: { id } }, body: { title } }));
}

export function useRenameSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameSession,
    onSuccess: (renamed) => {
      // A rename does not move the session in the list: edit it in place, no refetch needed.
      editSessionLists(queryClient, (items) => items.map((s) => (s.id === renamed.id ? renamed : s)));
      putSession(queryClient, renamed);
    },
  });
}
