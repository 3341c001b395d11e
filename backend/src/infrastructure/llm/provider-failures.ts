import type { ModelCallCancelled } from '../../application/chat/ports/chat-model.port.js';
import { ModelFailure, type ModelUnavailable } from '../../domain/chat/model-errors.js';

/*
 * The provider's failure taxonomy: what went wrong at the model provider, in the detail the
 * adapters need to decide retries and breaker counting. To the rest of Parley each is a
 * ModelFailure (domain/chat/model-errors.ts): a code and `partial`.
 */

/** What went wrong at the provider; the retry policy and the breaker decide from it. */
export type ModelErrorKind =
  /** No HTTP answer: connection refused or reset, DNS, TLS, a body cut off mid-way. */
  | 'unreachable'
  /** The provider answered 5xx, or reported an error inside the stream. */
  | 'upstream_error'
  /** The provider answered 429. */
  | 'rate_limited'
  /** The provider refused this request (a 4xx other than 429): it is up, the request is wrong. */
  | 'rejected'
  /** The stream broke the protocol: a chunk that is not JSON, no `[DONE]` at the end. */
  | 'bad_stream';

/** The model provider answered with an error (502). */
export class ModelError extends ModelFailure {
  readonly code = 'llm_error';
  readonly kind: ModelErrorKind;
  readonly partial: boolean;
  /** The provider's HTTP status, when it answered with one. */
  readonly upstreamStatus: number | undefined;

  constructor(
    message: string,
    options: { kind: ModelErrorKind; partial: boolean; upstreamStatus?: number; cause?: unknown },
  ) {
    super(message);
    this.kind = options.kind;
    this.partial = options.partial;
    this.upstreamStatus = options.upstreamStatus;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Which clock ran out: before the first token, between two tokens, or for the whole reply. */
export type ModelTimeoutPhase = 'first_token' | 'idle' | 'max_duration';

/** The model took too long (504). */
export class ModelTimeout extends ModelFailure {
  readonly code = 'llm_timeout';

  constructor(
    readonly phase: ModelTimeoutPhase,
    readonly partial: boolean,
    readonly afterMs: number,
  ) {
    super(
      phase === 'first_token'
        ? `The model did not start answering within ${afterMs} ms.`
        : phase === 'idle'
          ? `The model stopped answering for ${afterMs} ms.`
          : `The reply took longer than ${afterMs} ms.`,
      { phase },
    );
  }
}

/** Every way a model call can end other than a `done` event. */
export type ModelCallFailure = ModelError | ModelTimeout | ModelUnavailable | ModelCallCancelled;
