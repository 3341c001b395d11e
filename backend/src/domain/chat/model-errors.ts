import { DomainError } from '../shared/domain-error.js';

/*
 * How a call to the language model can end badly. `partial` tells whether any text had already
 * reached the caller: a failure with `partial: true` leaves a reply that was cut short (stored as
 * `interrupted`), one with `partial: false` produced nothing (stored as `error`, quota refunded).
 * Messages are safe to show to the client: upstream error bodies only travel as `cause`.
 */

/** What went wrong at the provider; infrastructure decides retries and breaker counting from it. */
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
export class ModelError extends DomainError {
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
export class ModelTimeout extends DomainError {
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

/** The circuit is open: the provider failed repeatedly and is not called for a while (503). */
export class ModelUnavailable extends DomainError {
  readonly code = 'llm_unavailable';
  readonly partial = false;

  /** Seconds until the circuit lets a probe request through (for `Retry-After`). */
  constructor(readonly retryAfterSeconds: number) {
    super('The model is temporarily unavailable. Please try again shortly.', { retryAfterSeconds });
  }
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

/** Every way a model call can end other than a `done` event. */
export type ModelCallFailure = ModelError | ModelTimeout | ModelUnavailable | ModelCallCancelled;

export function isModelCallFailure(error: unknown): error is ModelCallFailure {
  return (
    error instanceof ModelError ||
    error instanceof ModelTimeout ||
    error instanceof ModelUnavailable ||
    error instanceof ModelCallCancelled
  );
}
