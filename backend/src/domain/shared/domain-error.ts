/**
 * Every failure the domain and application layers report is a DomainError with a stable
 * `code`. The HTTP layer maps codes to statuses and problem+json; nothing here knows HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Extra, safe-to-show facts for the client (e.g. limit numbers). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export interface FieldError {
  /** The field as the client named it, e.g. `content` or `params.temperature`. */
  readonly path: string;
  readonly message: string;
}

/** Field rules broken; the same shape as the HTTP layer's schema validation. */
export class ValidationFailed extends DomainError {
  readonly code = 'validation_failed';
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  }
}

/** Missing, deleted or someone else's: one answer, so existence is never revealed. */
export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(what = 'resource') {
    super(`The ${what} does not exist.`);
  }
}

/** A dependency we need right now (database, Redis for the daily quota) is not answering. */
export class ServiceUnavailable extends DomainError {
  readonly code = 'service_unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
