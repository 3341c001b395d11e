import { DomainError } from '../shared/domain-error.js';

export class ReplyInProgress extends DomainError {
  readonly code = 'reply_in_progress';
  constructor() {
    super('A reply is already being written in this chat. Wait for it, or stop it, before sending again.');
  }
}

export class IdempotencyConflict extends DomainError {
  readonly code = 'idempotency_conflict';
  constructor() {
    super('A request with this Idempotency-Key is still being processed.');
  }
}

/**
 * The user already has CHAT_MAX_RUNNING_REPLIES replies being written (in any of their
 * sessions, on any instance): a 429 like the other per-user limits.
 */
export class TooManyRunningReplies extends DomainError {
  readonly code = 'rate_limited';
  /** A reply takes seconds; the client may try again after this many. */
  readonly retryAfterSeconds = 5;

  /** `limit`: CHAT_MAX_RUNNING_REPLIES, when the one refusing knows it (a lost race does not). */
  constructor(readonly limit?: number) {
    super(
      `You already have ${limit ?? 'the most'} replies being written that you may have at once. Wait for one to finish, or stop one, before sending again.`,
      limit === undefined ? {} : { runningRepliesLimit: limit },
    );
  }
}

/** Stop of a reply that has already ended. */
export class ReplyNotRunning extends DomainError {
  readonly code = 'reply_not_running';
  constructor() {
    super('This reply is not being written any more.');
  }
}
