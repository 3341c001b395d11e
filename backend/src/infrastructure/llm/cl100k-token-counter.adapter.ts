import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import type { ChatModelMessage } from '../../application/chat/ports/chat-model.port.js';
import type { TokenCounter } from '../../application/chat/ports/token-counter.port.js';

/*
 * Token counts with the cl100k_base BPE (gpt-tokenizer ships it inside the package: nothing is
 * downloaded). Llama 3's tokenizer is a tiktoken BPE built on cl100k's 100k merges plus 28k more,
 * so cl100k counts come out equal or a little higher for Llama 3 models: the safe side for a
 * context budget. Other OpenAI-compatible models land close enough for budgeting too.
 *
 * Framing, after Llama 3's chat template (`<|start_header_id|>role<|end_header_id|>\n\n` ...
 * `<|eot_id|>`) rounded up so that ChatML-style templates fit as well:
 * - every message costs its content plus MESSAGE_OVERHEAD (header, role, separator, end);
 * - a prompt costs REPLY_PRIMING once more (begin-of-text and the assistant header the reply
 *   starts after).
 * Special-token look-alikes typed by a user ("<|endoftext|>") are counted as plain text, as
 * the provider will treat them, instead of throwing.
 */
export const MESSAGE_OVERHEAD = 5;
export const REPLY_PRIMING = 5;

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export class Cl100kTokenCounter implements TokenCounter {
  count(text: string): number {
    return text === '' ? 0 : countTokens(text, PLAIN_TEXT);
  }

  countMessages(messages: readonly ChatModelMessage[]): number {
    let total = REPLY_PRIMING;
    for (const message of messages) total += MESSAGE_OVERHEAD + this.count(message.content);
    return total;
  }
}
