import type { ChatMessage } from '../../domain/chat/message.js';

export type MessageStatusDto = 'complete' | 'streaming' | 'cancelled' | 'interrupted' | 'error';

export interface ChatMessageDto {
  id: string;
  sessionId: string;
  role: 'user' | 'assistant';
  content: string;
  /** complete, streaming, or how a reply ended early: cancelled, interrupted, error. */
  status: MessageStatusDto;
  tokenCount: number;
  /** The model that wrote an assistant message; null for user messages. */
  model: string | null;
  /**
   * Why a reply ended early: `cancelled` (stopped by the client or the session's deletion),
   * `llm_error`, `llm_timeout`, `llm_unavailable`, `instance_lost` (its server went away); null otherwise.
   */
  errorCode: string | null;
  /** @format date-time */
  createdAt: string;
}

export const toChatMessageDto = (m: ChatMessage): ChatMessageDto => ({
  id: m.id,
  sessionId: m.sessionId,
  role: m.role,
  content: m.content,
  status: m.status,
  tokenCount: m.tokenCount,
  model: m.model,
  errorCode: m.errorCode,
  createdAt: m.createdAt.toISOString(),
});
