import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { Redis } from 'ioredis';
import type { Config } from './infrastructure/config/load-config.js';
import { requestContext } from './http/request-context.js';
import { createLogger } from './infrastructure/observability/logger.js';
import { createMetrics, type Metrics } from './infrastructure/observability/metrics.js';
import { createDatabase, type DatabaseHandle } from './infrastructure/persistence/create-database.js';
import { createRedis } from './infrastructure/cache/create-redis.js';
import type { ChangeFeed } from './application/ports/change-feed.port.js';
import { InProcessChangeFeed } from './infrastructure/changes/in-process-change-feed.adapter.js';
import { RedisChangeFeed } from './infrastructure/changes/redis-change-feed.adapter.js';
import { InProcessUserEvents } from './infrastructure/user-events/in-process-user-events.adapter.js';
import { RedisUserEvents } from './infrastructure/user-events/redis-user-events.adapter.js';
import { createChatModel, type ResilientChatModel } from './infrastructure/llm/create-chat-model.js';

/** The process-level resources one Parley instance owns: made once, closed once. */
export interface AppContext {
  readonly config: Config;
  readonly logger: PinoLogger;
  readonly metrics: Metrics;
  readonly database: DatabaseHandle;
  readonly redis: Redis | undefined;
  /** Cache invalidation across instances (Redis pub/sub), or within this one. */
  readonly changes: ChangeFeed;
  /** Each user's live feed (GET /events) across instances (Redis pub/sub), or within this one. */
  readonly userEvents: RedisUserEvents | InProcessUserEvents;
  /** The model stack: timeouts → circuit breaker (with retries) → OpenAI-compatible client. */
  readonly model: ResilientChatModel;
}

const CIRCUIT_GAUGE = { closed: 0, half_open: 1, open: 2 } as const;

export interface AppContextOptions {
  logDestination?: DestinationStream;
  /** Where the model lives when it is not SAMBANOVA_API_BASE: the in-process demo model's URL. */
  modelApiBase?: string;
}

export function createAppContext(config: Config, options: AppContextOptions = {}): AppContext {
  const logger = createLogger(config.logLevel, {
    destination: options.logDestination,
    context: () => requestContext.getStore(),
  });
  const redis = config.redis.url
    ? createRedis(config.redis.url, { keyPrefix: config.redis.keyPrefix })
    : undefined;
  const metrics = createMetrics();
  const model = createChatModel(
    { ...config.llm, apiBase: options.modelApiBase ?? config.llm.apiBase },
    {
      hooks: {
        onStateChange: (state) => {
          metrics.llmCircuitState.set(CIRCUIT_GAUGE[state]);
          logger.warn({ circuit: state }, 'model circuit breaker changed state');
        },
        onFailure: (error) =>
          metrics.llmFailures.inc({
            kind:
              (error as { kind?: string; code?: string }).kind ??
              (error as { code?: string }).code ??
              'unknown',
          }),
      },
    },
  );
  return {
    config,
    logger,
    metrics,
    model,
    database: createDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      preparedStatements: config.databasePreparedStatements,
    }),
    redis,
    changes: redis ? new RedisChangeFeed(redis, logger, config.redis.keyPrefix) : new InProcessChangeFeed(),
    userEvents: redis ? new RedisUserEvents(redis, logger) : new InProcessUserEvents(logger),
  };
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  ctx.model.close();
  if (ctx.changes instanceof RedisChangeFeed) await ctx.changes.close();
  await ctx.userEvents.close();
  if (ctx.redis) {
    await ctx.redis.quit().catch(() => ctx.redis?.disconnect());
  }
  await ctx.database.close();
}
