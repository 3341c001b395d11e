import type { ChatModelMessage } from './chat-model.port.js';

/**
 * Counts tokens the way the model will, closely enough to fit a context into a budget. Counts
 * are estimates on the safe side (a little high rather than low), never exact billing numbers.
 */
export interface TokenCounter {
  /** Tokens of a piece of text on its own. */
  count(text: string): number;
  /** Tokens of a whole prompt: every message with its per-message framing, plus the reply's start. */
  countMessages(messages: readonly ChatModelMessage[]): number;
}
