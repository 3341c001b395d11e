import { useMutation } from '@tanstack/react-query';
import { useReplies } from './use-replies';
import { isInlineError } from './use-reply-runs';

/**
 * Sends a message (or sends one again, for Retry) and follows its reply. A mutation so that a
 * refusal is toasted by the one place that toasts (the mutation cache), except the ones the
 * input shows itself (422 field errors, 429 limits).
 */
export function useSendMessage() {
  const replies = useReplies();
  return useMutation({
    mutationFn: async ({ sessionId, content }: { sessionId: string; content: string }) => {
      const outcome = await replies.send(sessionId, content);
      if (outcome.kind === 'rejected' && !isInlineError(outcome.error)) throw outcome.error;
      return outcome;
    },
  });
}

/** Stop: asks the server to stop the session's reply (a failure is toasted by the mutation cache). */
export function useStopReply() {
  const replies = useReplies();
  return useMutation({ mutationFn: (sessionId: string) => replies.stop(sessionId) });
}
