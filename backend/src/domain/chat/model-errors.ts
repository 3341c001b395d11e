import { DomainError } from '../shared/domain-error.js';

/*
 * How a call to the language model can end badly, as the domain sees it: a stable `code` (the
 * reply row keeps it, the HTTP layer maps it) and `partial`, whether any text had already
 * reached the caller. A failure with `partial: true` leaves a reply that was cut short (stored as
 * `interrupted`), one with `partial: false` produced nothing (stored as `error`, quota refunded).
 * The provider's own taxonomy (what went wrong upstream, which clock ran out, the HTTP status)
 * belongs to the adapter: infrastructure/llm/provider-failures.ts. Messages are safe to show to
 * the client: upstream error bodies only travel as `cause`.
 */
export abstract class ModelFailure extends DomainError {
  abstract override readonly code: 'llm_error' | 'llm_timeout' | 'llm_unavailable';
  abstract readonly partial: boolean;
}

/** The circuit is open: the provider failed repeatedly and is not called for a while (503). */
export class ModelUnavailable extends ModelFailure {
  readonly code = 'llm_unavailable';
  readonly partial = false;

  /** Seconds until the circuit lets a probe request through (for `Retry-After`). */
  constructor(readonly retryAfterSeconds: number) {
    super('The model is temporarily unavailable. Please try again shortly.', { retryAfterSeconds });
  }
}
