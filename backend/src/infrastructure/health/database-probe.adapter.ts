import { sql, type Kysely } from 'kysely';
import type { Database } from '../persistence/database.js';
import type { ProbeResult, ReadinessProbe } from '../../application/ports/readiness-probe.port.js';

export class DatabaseProbe implements ReadinessProbe {
  readonly name = 'database';
  readonly critical = true;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: 'postgres' | 'pglite',
  ) {}

  async check(): Promise<ProbeResult> {
    const started = performance.now();
    await sql`select 1`.execute(this.db);
    return { status: 'up', kind: this.kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  }
}
