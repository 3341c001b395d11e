import { ApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';

/**
 * POST /chat/sessions/{id}/messages/{messageId}/stop: 202, the reply stops within a second on
 * whichever instance runs it and ends `cancelled` with the text produced so far (its readers
 * get that as the final event). `not_running` (409 `reply_not_running`): it had already ended.
 */
export async function stopReply({
  sessionId,
  messageId,
}: {
  sessionId: string;
  messageId: string;
}): Promise<'stopping' | 'not_running'> {
  try {
    await api.POST('/chat/sessions/{id}/messages/{messageId}/stop', {
      params: { path: { id: sessionId, messageId } },
    });
    return 'stopping';
  } catch (error) {
    if (error instanceof ApiError && error.code === 'reply_not_running') return 'not_running';
    throw error;
  }
}
