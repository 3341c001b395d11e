import { useCallback } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { useDeleteSession } from '../api/delete-session';
import { useRestoreSession } from '../api/restore-session';
import type { ChatSession } from '../api/types';

/**
 * Deleting a chat: gone from the list at once, with an Undo in the toast that restores it
 * (POST .../restore) and reopens it if it was open. Mounted by the chat page, which outlives
 * the list item (and the drawer) the delete started from, so Undo still works after those
 * have gone. A failed delete or restore is toasted by the mutation cache.
 */
export function useSessionDeletion(): (session: ChatSession) => void {
  const { mutate: remove } = useDeleteSession();
  const { mutate: restore } = useRestoreSession();
  const navigate = useNavigate();
  const { sessionId: openId } = useParams();

  return useCallback(
    (session: ChatSession) => {
      const wasOpen = session.id === openId;
      remove(session, {
        onSuccess: () => {
          toast(`Deleted “${session.title}”`, {
            id: `deleted-${session.id}`,
            duration: 10_000,
            action: {
              label: 'Undo',
              onClick: () =>
                restore(session.id, {
                  onSuccess: () => {
                    if (wasOpen) void navigate(`/c/${session.id}`);
                  },
                }),
            },
          });
        },
      });
      if (wasOpen) void navigate('/');
    },
    [remove, restore, navigate, openId],
  );
}
