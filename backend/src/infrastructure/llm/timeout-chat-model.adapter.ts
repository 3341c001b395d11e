import type {
  ChatModel,
  ChatModelEvent,
  ChatModelRequest,
} from '../../application/chat/ports/chat-model.port.js';
import { ModelTimeout, type ModelTimeoutPhase } from './provider-failures.js';
import { failureFromAbort, LinkedAbort } from './abort-failure.js';

export interface ReplyTimeouts {
  /** LLM_TIMEOUT_MS: from the call to the first text, retries and their backoff included. */
  readonly firstTokenMs: number;
  /** LLM_IDLE_TIMEOUT_MS: the longest wait for the next event once text has started. */
  readonly idleMs: number;
  /** LLM_MAX_DURATION_MS: the whole reply, from the call to `done`. */
  readonly maxDurationMs: number;
}

/**
 * The three clocks of one reply. It owns the reply's AbortController (linked to the caller's
 * signal) and hands that signal inward, so when a clock runs out the upstream request is aborted
 * at once and the reply ends with `ModelTimeout` (its phase says which clock, `partial` whether
 * text had been yielded); a caller's abort ends it with `ModelCallCancelled`. Every layer inside
 * stops as soon as the signal aborts (fetch, body read, backoff sleep), and we wait for them to
 * settle rather than racing ahead, so the breaker has counted the outcome when the caller hears it.
 *
 * It sits outside the circuit breaker (see create-chat-model.ts): the first-token clock covers
 * every retry, and a first-token timeout still reaches the breaker as a failure, because the
 * abort reason (the ModelTimeout) travels inward on the signal.
 *
 * "Idle" measures the wait for the next event after text has started. Chunks that carry no text
 * (the role preamble, keep-alives) do not reset it: a reply that shows nothing new for that long
 * is stalled as far as the user can tell.
 */
export class TimeoutChatModel implements ChatModel {
  constructor(
    private readonly inner: ChatModel,
    private readonly timeouts: ReplyTimeouts,
  ) {}

  async *stream(request: ChatModelRequest): AsyncGenerator<ChatModelEvent, void, undefined> {
    const reply = new LinkedAbort(request.signal);
    let deltas = 0;
    let finished = false;
    const expire = (phase: ModelTimeoutPhase, afterMs: number) => () =>
      reply.abort(new ModelTimeout(phase, deltas > 0, afterMs));
    const { firstTokenMs, idleMs, maxDurationMs } = this.timeouts;
    const wholeReply = setTimeout(expire('max_duration', maxDurationMs), maxDurationMs);
    const firstToken = setTimeout(expire('first_token', firstTokenMs), firstTokenMs);
    const iterator = this.inner.stream({ ...request, signal: reply.signal })[Symbol.asyncIterator]();
    try {
      for (;;) {
        const idle = deltas > 0 ? setTimeout(expire('idle', idleMs), idleMs) : undefined;
        let next: IteratorResult<ChatModelEvent>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw reply.signal.aborted ? failureFromAbort(reply.signal, deltas > 0) : error;
        } finally {
          clearTimeout(idle);
        }
        // Nothing more after an abort, even events the layer inside had already buffered.
        if (reply.signal.aborted) throw failureFromAbort(reply.signal, deltas > 0);
        if (next.done) break;
        if (next.value.type === 'delta') {
          if (deltas === 0) clearTimeout(firstToken);
          deltas += 1;
        } else {
          // The reply is complete: no clock may end it now, however long the caller holds `done`.
          finished = true;
          clearTimeout(wholeReply);
          clearTimeout(firstToken);
        }
        yield next.value;
      }
    } finally {
      clearTimeout(wholeReply);
      clearTimeout(firstToken);
      reply.release(finished);
      if (!finished) iterator.return?.().catch(() => undefined);
    }
  }
}
