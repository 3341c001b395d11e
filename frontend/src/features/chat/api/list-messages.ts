import { api, unwrap } from '@/lib/api/client';
import type { ChatMessagePage } from './types';

export const OLDER_PAGE_SIZE = 50;

/**
 * GET /chat/sessions/{id}/messages: the page of messages just before `cursor`, oldest first.
 * The session's newest messages come with GET /chat/sessions/{id} (see get-session.ts, whose
 * query loads these pages as the user scrolls up).
 */
export function listOlderMessages(
  sessionId: string,
  cursor: string,
  signal?: AbortSignal,
): Promise<ChatMessagePage> {
  return unwrap(
    api.GET('/chat/sessions/{id}/messages', {
      params: { path: { id: sessionId }, query: { cursor, limit: OLDER_PAGE_SIZE } },
      signal,
    }),
  );
}
