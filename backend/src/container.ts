import { Container } from 'inversify';
import type { AppContext } from './app-context.js';
import { CheckReadiness } from './application/operations/check-readiness.use-case.js';
import { GetClientConfig } from './application/operations/get-client-config.use-case.js';
import { DatabaseProbe } from './infrastructure/health/database.probe.js';
import { LlmProbe } from './infrastructure/health/llm.probe.js';
import { RedisProbe } from './infrastructure/health/redis.probe.js';
import { ConfigController } from './http/controllers/config.controller.js';

/**
 * The one composition root. Use cases carry no DI decorators: they are built here with plain
 * factories from the ports' adapters. Controllers are @injectable and resolved by tsoa.
 */
export function buildContainer(ctx: AppContext): Container {
  const { config, database, redis } = ctx;
  const container = new Container({ defaultScope: 'Transient' });

  container.bind(GetClientConfig).toConstantValue(
    new GetClientConfig({
      signupEnabled: config.auth.allowSignup,
      demoModel: config.llm.demo,
      model: config.llm.model,
      limits: { maxMessageLength: config.chat.maxMessageLength, maxTokens: config.chat.maxTokens },
    }),
  );
  container
    .bind(CheckReadiness)
    .toConstantValue(
      new CheckReadiness([
        new DatabaseProbe(database.db, database.kind),
        new RedisProbe(redis),
        new LlmProbe({ model: config.llm.model, demo: config.llm.demo }),
      ]),
    );

  // Transient: tsoa keeps per-request status and headers on the controller instance.
  container.bind(ConfigController).toSelf();
  return container;
}
