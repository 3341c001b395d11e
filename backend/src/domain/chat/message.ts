export type MessageRole = 'user' | 'assistant';

/**
 * A message's life: user messages are `complete` when stored. An assistant reply is inserted
 * `streaming` (the per-session lock) and ends as exactly one of:
 *   complete     the model finished
 *   cancelled    the client went away or pressed stop (what was produced is kept)
 *   interrupted  the model failed or timed out after output had started (partial kept)
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
  /** Why a reply ended badly (llm_error, llm_timeout, client_gone, ...). */
  readonly errorCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
