import type { LoggedMessage } from '../../application/chat/send-message/ports/reply-log.port.js';
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
   * Why a reply ended early: `stopped` (Stop), `session_deleted`, `feature_disabled` (chat was
   * switched off for you), `llm_error`, `llm_timeout`, `llm_unavailable`, `shutdown` (its server
   * shut down), `instance_lost` (its server went away); null otherwise.
   */
  errorCode: string | null;
  /**
   * A reply still streaming only: the id of the last event of its log that `content` includes.
   * Resume GET /chat/sessions/{id}/messages/{messageId}/stream with it as `Last-Event-ID` to
   * continue right after the text shown.
   * @isInt
   */
  lastEventId?: number;
  /** @format date-time */
  createdAt: string;
}

/** A stored message, or one as a reply's log carries it (dates as ISO strings). */
export const toChatMessageDto = (m: ChatMessage | LoggedMessage): ChatMessageDto => ({
  id: m.id,
  sessionId: m.sessionId,
  role: m.role,
  content: m.content,
  status: m.status,
  tokenCount: m.tokenCount,
  model: m.model,
  errorCode: m.errorCode,
  ...(m.status === 'streaming' && m.lastEventId !== null && { lastEventId: m.lastEventId }),
  createdAt: typeof m.createdAt === 'string' ? m.createdAt : m.createdAt.toISOString(),
});
