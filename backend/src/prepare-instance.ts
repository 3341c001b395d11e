import type { Container } from 'inversify';
import type { AppContext } from './app-context.js';
import { BootstrapAdmin } from './application/identity/bootstrap-admin.use-case.js';
import { migrateToLatest } from './infrastructure/persistence/migrator.js';
import { ReplyTransport } from './infrastructure/replies/reply-transport.js';

const USER_EVENTS_READY_MS = 5_000;

/**
 * What every instance does before it serves: migrate, make sure the first admin exists, and let
 * the live feed's subscription come up, so a feed opened on this instance hears the others from
 * its first moment (bounded: a Redis that is away must not keep the instance from starting; the
 * subscription is made whenever it comes back).
 */
export async function prepareInstance(
  ctx: AppContext,
  container: Container,
): Promise<{ migrations: string[]; admin: 'created' | 'exists' }> {
  const migrations = await migrateToLatest(ctx.database.db);
  const admin = await container
    .get(BootstrapAdmin)
    .execute({ email: ctx.config.auth.adminEmail, password: ctx.config.auth.adminPassword });
  await Promise.race([
    // Stops from other instances (reply control) reach this one from its first moment, too.
    Promise.all([ctx.userEvents.ready(), container.get(ReplyTransport).ready()]),
    new Promise<void>((resolve) => setTimeout(resolve, USER_EVENTS_READY_MS).unref()),
  ]);
  return { migrations, admin };
}
