import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { sessionQueryOptions } from './get-session';
import { editSessionLists, sessionListsKey } from './list-sessions';
import type { ChatSession, ChatSessionPage } from './types';

/** DELETE /chat/sessions/{id}: a soft delete that POST .../restore undoes. */
export function deleteSession(id: string): Promise<void> {
  return unwrap(api.DELETE('/chat/sessions/{id}', { params: { path: { id } } }));
}

type Lists = [readonly unknown[], InfiniteData<ChatSessionPage> | undefined][];

/** Deletes at once in the list (put back if the server says no). */
export function useDeleteSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (session: ChatSession) => deleteSession(session.id),
    onMutate: async (session): Promise<{ lists: Lists }> => {
      await queryClient.cancelQueries({ queryKey: sessionListsKey });
      const lists = queryClient.getQueriesData<InfiniteData<ChatSessionPage>>({
        queryKey: sessionListsKey,
      });
      editSessionLists(queryClient, (items) => items.filter((s) => s.id !== session.id));
      return { lists };
    },
    onError: (_error, _session, context) => {
      for (const [key, data] of context?.lists ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (_void, session) => {
      queryClient.removeQueries({ queryKey: sessionQueryOptions(session.id).queryKey });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionListsKey }),
  });
}
