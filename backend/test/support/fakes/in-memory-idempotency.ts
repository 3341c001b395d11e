import type { IdempotencyRecord, IdempotencyRepository } from '../../../src/domain/chat/chat.repositories.js';

/** Records by `${userId}:${key}`; the exchange fake reads and writes them. */
export class InMemoryIdempotencyRepository implements IdempotencyRepository {
  readonly records = new Map<string, IdempotencyRecord>();

  async deleteExpired(now: Date) {
    let n = 0;
    for (const [k, r] of this.records) if (r.expiresAt <= now && this.records.delete(k)) n++;
    return n;
  }
}
