import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../infrastructure/config/load-config.js';
import { createDatabase } from '../infrastructure/persistence/create-database.js';
import { migrateDown, migrateToLatest, pendingMigrations } from '../infrastructure/persistence/migrator.js';

/*
 * `migrate up` applies every pending migration; `migrate down` rolls back the last one;
 * `migrate status` lists the pending ones. Same database selection as the server
 * (DATABASE_URL, else the embedded PGlite under DATA_DIR).
 */
const { values, positionals } = parseArgs({
  options: { dotenv: { type: 'string' } },
  allowPositionals: true,
});
if (values['dotenv'] && existsSync(values['dotenv'])) process.loadEnvFile(values['dotenv']);

const command = positionals[0] ?? 'up';
if (!['up', 'down', 'status'].includes(command)) {
  process.stderr.write(`Unknown command "${command}". Use: migrate up | down | status\n`);
  process.exit(2);
}

try {
  const config = loadConfig(process.env);
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const where =
      database.kind === 'pglite'
        ? `embedded PGlite in ${config.dataDir}/pglite`
        : 'PostgreSQL (DATABASE_URL)';
    if (command === 'up') {
      const applied = await migrateToLatest(database.db);
      process.stdout.write(
        applied.length
          ? `Applied on ${where}:\n  ${applied.join('\n  ')}\n`
          : `Nothing to apply on ${where}.\n`,
      );
    } else if (command === 'down') {
      const reverted = await migrateDown(database.db);
      process.stdout.write(
        reverted.length
          ? `Rolled back on ${where}: ${reverted.join(', ')}\n`
          : `Nothing to roll back on ${where}.\n`,
      );
    } else {
      const pending = await pendingMigrations(database.db);
      process.stdout.write(
        pending.length ? `Pending on ${where}:\n  ${pending.join('\n  ')}\n` : `Up to date on ${where}.\n`,
      );
    }
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
}
