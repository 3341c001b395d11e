import type { IdempotencyRecord, IdempotencyRepository } from '../../../src/domain/chat/chat.repositories.js';

export class InMemoryIdempotencyRepository implements IdempotencyRepository {
  readonly records = new Map<string, IdempotencyRecord>();

  async find(userId: string, key: string, now: Date) {
    const record = this.records.get(`${userId}:${key}`);
    return record && record.expiresAt > now ? record : undefined;
  }
  async insert(record: IdempotencyRecord) {
    const existing = this.records.get(`${record.userId}:${record.key}`);
    if (existing && existing.expiresAt > record.createdAt) return false;
    this.records.set(`${record.userId}:${record.key}`, record);
    return true;
  }
  async deleteExpired(now: Date) {
    let n = 0;
    for (const [k, r] of this.records) if (r.expiresAt <= now && this.records.delete(k)) n++;
    return n;
  }
}
