import { useMutation } from '@tanstack/react-query';
import { isInlineError } from '../lib/chat-streams';
import { useChatStreams } from './use-chat-streams';

/**
 * Sends a message (or sends one again, for Retry) through the session's stream. A mutation so
 * that a refusal is toasted by the one place that toasts (the mutation cache), except the ones
 * the input shows itself (422 field errors, 429 limits).
 */
export function useSendMessage() {
  const streams = useChatStreams();
  return useMutation({
    mutationFn: async ({ sessionId, content }: { sessionId: string; content: string }) => {
      const outcome = await streams.send(sessionId, content);
      if (outcome.kind === 'rejected' && !isInlineError(outcome.error)) throw outcome.error;
      return outcome;
    },
  });
}
