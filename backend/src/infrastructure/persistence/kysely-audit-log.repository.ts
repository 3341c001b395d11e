import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntry } from '../../domain/rollout/audit-entry.js';
import type { AuditLogRepository } from '../../domain/rollout/rollout.repositories.js';
import type { Database } from './database.js';

export class KyselyAuditLogRepository implements AuditLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('admin_audit_log')
      .values({
        id: entry.id,
        at: entry.at,
        actor_id: entry.actor.id,
        actor_email: entry.actor.email,
        action: entry.action,
        subject: entry.subject,
        before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      })
      .execute();
  }

  async page(query: {
    subject?: string;
    limit: number;
    after?: { at: Date; id: string };
  }): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('admin_audit_log').selectAll();
    if (query.subject) q = q.where('subject', '=', query.subject);
    if (query.after) {
      const { at, id } = query.after;
      q = q.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(at, id)));
    }
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      actor: { id: r.actor_id ?? '', email: r.actor_email },
      action: r.action as AuditAction,
      subject: r.subject,
      before: r.before ?? null,
      after: r.after ?? null,
    }));
  }
}
