export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatModelMessage {
  readonly role: ChatRole;
  readonly content: string;
}

export interface ChatModelRequest {
  /** The context, oldest first; the system prompt (if any) is the first message. */
  readonly messages: readonly ChatModelMessage[];
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens: number;
  /** Abort it to stop the reply: the upstream request is aborted at once. */
  readonly signal: AbortSignal;
}

export interface ChatModelUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type ChatModelEvent =
  | { readonly type: 'delta'; readonly text: string }
  | {
      readonly type: 'done';
      /** `stop` (natural end), `length` (maxTokens reached), or whatever else the provider says. */
      readonly finishReason: 'stop' | 'length' | (string & {});
      /** The provider's token counts, when it reports them. */
      readonly usage?: ChatModelUsage;
      /** The model id the provider says answered, when it says. */
      readonly model?: string;
    };

/**
 * A streaming chat model. `stream()` yields non-empty `delta`s, then exactly one `done`.
 *
 * It never ends quietly on a failure; it throws:
 * - a `ModelFailure` (domain/chat/model-errors.ts: `llm_error`, `llm_timeout`, or
 *   `llm_unavailable` before any delta), with `partial: true` when deltas had already been
 *   yielded: the reply is then `interrupted`, otherwise `error`;
 * - `ModelCallCancelled` when `signal` was aborted by the caller: store the reply as `cancelled`.
 *
 * Breaking out of the iteration early also aborts the upstream request.
 */
export interface ChatModel {
  stream(request: ChatModelRequest): AsyncIterable<ChatModelEvent>;
}

/**
 * Whether the model can be called right now (the circuit breaker's view), so that a send can be
 * refused with 503 before any other work is done (quota, storing the message).
 */
export interface ChatModelAvailability {
  /** Seconds to wait (for Retry-After) when a call now would be refused; undefined otherwise. */
  unavailableFor(): number | undefined;
}

/**
 * The caller stopped the reply (the client went away, the user pressed stop, the session was
 * deleted). Not a failure and not an HTTP answer: it tells the caller to store the reply as
 * `cancelled`. It is not a DomainError on purpose, so it never becomes a problem+json body.
 */
export class ModelCallCancelled extends Error {
  constructor(readonly partial: boolean) {
    super('The model call was cancelled by the caller.');
    this.name = 'ModelCallCancelled';
  }
}
