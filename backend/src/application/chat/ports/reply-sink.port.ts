import type { ChatMessage } from '../../../domain/chat/message.js';
import type { ChatModelUsage } from './chat-model.port.js';

/**
 * Where a reply goes while it is written: the SSE stream, or a collector for the JSON answer.
 * `delta` may wait (back-pressure: a slow client slows the model read, nothing piles up).
 */
export interface ReplySink {
  delta(messageId: string, text: string): Promise<void> | void;
}

export interface ReplyOutcome {
  readonly assistantMessage: ChatMessage;
  readonly usage: ChatModelUsage | undefined;
  /** Set when the reply did not complete: the domain error it ended with (none for `cancelled`). */
  readonly failure: Error | undefined;
}
