import type { AuditEntry } from '../../domain/rollout/audit-entry.js';
import type { AuditLogRepository } from '../../domain/rollout/rollout.repositories.js';
import { decodePosition, encodeCursor, toPage, type Page } from '../shared/cursor.js';

export class ListAuditLog {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async execute(query: { subject?: string; limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
    const after = query.cursor ? decodePosition(query.cursor, 'at') : undefined;
    const rows = await this.auditLog.page({
      subject: query.subject || undefined,
      limit: query.limit + 1,
      after: after && { at: after.at, id: after.id },
    });
    return toPage(rows, query.limit, (last) => encodeCursor({ at: last.at.toISOString(), id: last.id }));
  }
}
