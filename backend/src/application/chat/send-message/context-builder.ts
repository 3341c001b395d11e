import type { ChatMessage } from '../../../domain/chat/message.js';
import type { ChatModelMessage } from '../ports/chat-model.port.js';
import type { TokenCounter } from '../ports/token-counter.port.js';

export interface ContextSettings {
  systemPrompt: string;
  /** CHAT_MAX_CONTEXT_MESSAGES */
  contextMessages: number;
  /** CHAT_MAX_CONTEXT_TOKENS */
  contextTokens: number;
}

/**
 * The context sent with each reply: the system prompt, then the most recent messages, newest
 * kept first, until either CHAT_MAX_CONTEXT_MESSAGES or CHAT_MAX_CONTEXT_TOKENS would be passed.
 * Replies that produced nothing (status error, or empty) are left out: they are not part of the
 * conversation the model should continue. The newest user message is always included, even
 * alone over budget: without it there is nothing to answer.
 *
 * A stored message's own token count is used when it has one (the provider's count for a reply,
 * ours for a question, both taken when the message was written): recounting twenty messages with
 * the BPE on every send cost about half a millisecond before the first token, and more for long ones.
 */
export function buildContext(
  history: readonly ChatMessage[],
  settings: ContextSettings,
  tokens: TokenCounter,
): ChatModelMessage[] {
  const system: ChatModelMessage[] = settings.systemPrompt
    ? [{ role: 'system', content: settings.systemPrompt }]
    : [];
  let budget = settings.contextTokens - (system.length ? tokens.countMessages(system) : 0);
  // A message's framing (role header, separators), as the counter sees it: an empty one costs just that.
  const framing = tokens.countMessages([{ role: 'user', content: '' }]) - tokens.countMessages([]);
  const usable = history.filter(
    (m) => m.status !== 'streaming' && m.status !== 'error' && m.content.length > 0,
  );
  const picked: ChatModelMessage[] = [];
  for (let i = usable.length - 1; i >= 0 && picked.length < settings.contextMessages; i--) {
    const stored = usable[i]!;
    const message: ChatModelMessage = { role: stored.role, content: stored.content };
    const cost = framing + (stored.tokenCount > 0 ? stored.tokenCount : tokens.count(stored.content));
    if (cost > budget && picked.length > 0) break;
    picked.unshift(message);
    budget -= cost;
  }
  return [...system, ...picked];
}
