import type { ChatModel, ChatModelAvailability } from '../../application/chat/ports/chat-model.port.js';
import {
  CircuitBreakerChatModel,
  type CircuitBreakerHooks,
  type CircuitState,
} from './circuit-breaker-chat-model.adapter.js';
import { OpenAiChatModel } from './openai-chat-model.adapter.js';
import type { RetryPolicy } from './retry-policy.js';
import { TimeoutChatModel } from './timeout-chat-model.adapter.js';

/** The slice of `Config['llm']` the model needs; `apiBase` may point at the demo model. */
export interface ChatModelSettings {
  readonly apiBase: string;
  readonly apiKey: string | undefined;
  readonly model: string;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxDurationMs: number;
  readonly circuitFailures: number;
  readonly circuitResetMs: number;
}

export interface ResilientChatModel extends ChatModelAvailability {
  /** What the use cases get: timeouts → breaker (with retries) → OpenAI-compatible client. */
  readonly chatModel: ChatModel;
  /** For /readyz and metrics. */
  circuitState(): CircuitState;
  /**
   * For the send route's "circuit open" check, made before any other work: Retry-After seconds
   * when a request now would be refused, else undefined. A request can still get
   * ModelUnavailable from `stream()` if another one took the half-open probe in between.
   */
  unavailableFor(): number | undefined;
  close(): void;
}

/**
 * The model stack, outermost first: TimeoutChatModel (the reply's own AbortController and its
 * three clocks) → CircuitBreakerChatModel (one breaker call per reply, retries inside) →
 * OpenAiChatModel (one attempt). The clocks sit outside so that the first-token timeout covers
 * all retries; the breaker still sees that timeout as a failure through the abort reason.
 */
export function createChatModel(
  settings: ChatModelSettings,
  options: { hooks?: CircuitBreakerHooks; retry?: RetryPolicy } = {},
): ResilientChatModel {
  const client = new OpenAiChatModel({
    baseURL: settings.apiBase,
    // The demo model takes no key, but the SDK insists on one.
    apiKey: settings.apiKey ?? 'demo',
    model: settings.model,
    requestTimeoutMs: settings.timeoutMs,
  });
  const breaker = new CircuitBreakerChatModel(client, {
    failureThreshold: settings.circuitFailures,
    resetTimeoutMs: settings.circuitResetMs,
    retry: options.retry,
    hooks: options.hooks,
  });
  const chatModel = new TimeoutChatModel(breaker, {
    firstTokenMs: settings.timeoutMs,
    idleMs: settings.idleTimeoutMs,
    maxDurationMs: settings.maxDurationMs,
  });
  return {
    chatModel,
    circuitState: () => breaker.state(),
    unavailableFor: () => (breaker.isRejecting() ? breaker.retryAfterSeconds() : undefined),
    close: () => breaker.shutdown(),
  };
}
