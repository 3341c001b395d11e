import type {
  ChatModelEvent,
  ChatModelRequest,
} from '../../../src/application/chat/ports/chat-model.port.js';
import type { ChatModelSettings } from '../../../src/infrastructure/llm/create-chat-model.js';
import type { RetryPolicy } from '../../../src/infrastructure/llm/retry-policy.js';

/** Settings as the container would pass them from Config['llm'], with test-sized clocks. */
export function settings(apiBase: string, overrides: Partial<ChatModelSettings> = {}): ChatModelSettings {
  return {
    apiBase,
    apiKey: 'test-key',
    model: 'test-model',
    timeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    maxDurationMs: 15_000,
    circuitFailures: 5,
    circuitResetMs: 30_000,
    ...overrides,
  };
}

/** Real backoff shape, test-sized delays. */
export const FAST_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 };

export function chatRequest(overrides: Partial<ChatModelRequest> = {}): ChatModelRequest {
  return {
    messages: [
      { role: 'system', content: 'You are a test.' },
      { role: 'user', content: 'Explain streams in one paragraph.' },
    ],
    maxTokens: 512,
    signal: new AbortController().signal,
    ...overrides,
  };
}

type Done = Extract<ChatModelEvent, { type: 'done' }>;

export interface Collected {
  deltas: string[];
  text: string;
  done: Done | undefined;
  error: unknown;
  /** How many events came after `done` (must be 0). */
  afterDone: number;
}

/** Reads a whole reply; `onDelta` sees each delta as it arrives (1-based count). */
export async function collect(
  stream: AsyncIterable<ChatModelEvent>,
  onDelta?: (count: number) => void,
): Promise<Collected> {
  const result: Collected = { deltas: [], text: '', done: undefined, error: undefined, afterDone: 0 };
  try {
    for await (const event of stream) {
      if (result.done) result.afterDone += 1;
      if (event.type === 'delta') {
        result.deltas.push(event.text);
        onDelta?.(result.deltas.length);
      } else {
        result.done = event;
      }
    }
  } catch (error) {
    result.error = error;
  }
  result.text = result.deltas.join('');
  return result;
}
