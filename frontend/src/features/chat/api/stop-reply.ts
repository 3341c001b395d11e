import { ApiError, networkError, toApiError } from '@/lib/api/api-error';
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authFetch } from '@/lib/auth/auth-fetch';

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
  const path = `/chat/sessions/${encodeURIComponent(sessionId)}/messages/${encodeURIComponent(messageId)}/stop`;
  let response: Response;
  try {
    response = await authFetch(absoluteUrl(API_BASE_PATH + path), {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw error instanceof ApiError ? error : networkError();
  }
  if (response.ok) {
    response.body?.cancel().catch(() => {});
    return 'stopping';
  }
  const error = await toApiError(response);
  if (error.code === 'reply_not_running') return 'not_running';
  throw error;
}
