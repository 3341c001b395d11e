import type { Migration } from 'kysely/migration';
import * as users from './20261122-0001-users.js';
import * as refreshTokens from './20261122-0002-refresh-tokens.js';
import * as rollout from './20261122-0003-rollout.js';
import * as chat from './20261122-0004-chat.js';
import * as idempotency from './20261122-0005-idempotency.js';
import * as replyRuns from './20261207-0006-reply-runs.js';

/**
 * Every migration, in order. A static list rather than a folder scan: the same code runs from
 * source (tsx, vitest) and from the compiled build, with no dynamic import of file paths.
 * Names sort in the order they must run; never rename or edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '20261122-0001-users': users,
  '20261122-0002-refresh-tokens': refreshTokens,
  '20261122-0003-rollout': rollout,
  '20261122-0004-chat': chat,
  '20261122-0005-idempotency': idempotency,
  '20261207-0006-reply-runs': replyRuns,
};
