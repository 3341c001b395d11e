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
