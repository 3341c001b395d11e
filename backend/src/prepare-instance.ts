import type { Container } from 'inversify';
import type { AppContext } from './app-context.js';
import { BootstrapAdmin } from './application/identity/bootstrap-admin.use-case.js';
import { migrateToLatest } from './infrastructure/persistence/migrator.js';

/** What every instance does before it serves: migrate, then make sure the first admin exists. */
export async function prepareInstance(
  ctx: AppContext,
  container: Container,
): Promise<{ migrations: string[]; admin: 'created' | 'exists' }> {
  const migrations = await migrateToLatest(ctx.database.db);
  const admin = await container
    .get(BootstrapAdmin)
    .execute({ email: ctx.config.auth.adminEmail, password: ctx.config.auth.adminPassword });
  return { migrations, admin };
}
