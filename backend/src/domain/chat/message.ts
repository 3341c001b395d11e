export type MessageRole = 'user' | 'assistant';

/**
 * A message's life: user messages are `complete` when stored. An assistant reply is inserted
 * `streaming` (the per-session lock) and ends as exactly one of:
 *   complete     the model finished (or the reply reached its size cap)
 *   cancelled    someone stopped it: Stop, the session's deletion, chat switched off for the
 *                user (what was produced is kept; a client going away does not stop a reply)
 *   interrupted  the model failed or timed out after output had started, the instance shut
 *                down past its grace period, or it died (partial kept)
 *   error        the model failed before producing anything
 */
export type MessageStatus = 'complete' | 'streaming' | 'cancelled' | 'interrupted' | 'error';

export type FinalStatus = Exclude<MessageStatus, 'streaming'>;

export interface ChatMessage {
  readonly id: string;
  readonly sessionId: string;
  readonly role: MessageRole;
  readonly content: string;
  readonly status: MessageStatus;
  readonly tokenCount: number;
  /** True when the provider sent no usage and tokenCount was counted locally. */
  readonly tokenCountEstimated: boolean;
  /** The model that wrote an assistant message; null for user messages. */
  readonly model: string | null;
  /** The provider's finish reason (stop, length, ...) of a completed reply. */
  readonly finishReason: string | null;
  /** Why a reply ended early (stopped, session_deleted, llm_error, llm_timeout, instance_lost, ...). */
  readonly errorCode: string | null;
  /**
   * The id of the last event of the reply's log (docs/chat.md) that `content` includes: a
   * streaming reply's saved text goes up to it, so a reader resumes right after. Null for user
   * messages.
   */
  readonly lastEventId: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
