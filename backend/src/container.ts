import { Container, type Newable } from 'inversify';
import type { AppContext } from './app-context.js';
import { AuthenticateAccessToken } from './application/identity/authenticate-access-token.use-case.js';
import { BootstrapAdmin } from './application/identity/bootstrap-admin.use-case.js';
import { ChangeUserRole } from './application/identity/change-user-role.use-case.js';
import { GetMe, type FeatureAccess } from './application/identity/get-me.use-case.js';
import { ListUsers } from './application/identity/list-users.use-case.js';
import { LoginThrottle } from './application/identity/login-throttle.js';
import { LoginUser } from './application/identity/login-user.use-case.js';
import { Logout } from './application/identity/logout.use-case.js';
import { RefreshSession } from './application/identity/refresh-session.use-case.js';
import { RegisterUser } from './application/identity/register-user.use-case.js';
import { SessionIssuer } from './application/identity/session-issuer.js';
import { GetChatQuota } from './application/limits/get-chat-quota.use-case.js';
import type { RateLimiter } from './application/limits/rate-limiter.port.js';
import { CheckReadiness } from './application/operations/check-readiness.use-case.js';
import { AddCohortMembers } from './application/rollout/add-cohort-members.use-case.js';
import type { CohortDeps } from './application/rollout/cohort-deps.js';
import { CreateCohort } from './application/rollout/create-cohort.use-case.js';
import { DeleteCohort } from './application/rollout/delete-cohort.use-case.js';
import { EvaluateFeatureForUser } from './application/rollout/evaluate-feature-for-user.use-case.js';
import { FeatureEvaluator } from './application/rollout/feature-evaluator.js';
import { GetCohort } from './application/rollout/get-cohort.use-case.js';
import { GetFeature } from './application/rollout/get-feature.use-case.js';
import { ListAuditLog } from './application/rollout/list-audit-log.use-case.js';
import { ListCohortMembers } from './application/rollout/list-cohort-members.use-case.js';
import { ListCohorts } from './application/rollout/list-cohorts.use-case.js';
import { ListFeatures } from './application/rollout/list-features.use-case.js';
import { AuditRecorder } from './application/rollout/record-audit.js';
import { RemoveCohortMember } from './application/rollout/remove-cohort-member.use-case.js';
import { RequireFeature } from './application/rollout/require-feature.use-case.js';
import { UpdateCohort } from './application/rollout/update-cohort.use-case.js';
import { UpdateFeature } from './application/rollout/update-feature.use-case.js';
import { ChatLimitsPolicy } from './domain/limits/chat-limits-policy.js';
import { GetClientConfig } from './application/operations/get-client-config.use-case.js';
import { systemClock, type Clock } from './application/ports/clock.js';
import type { CounterStore } from './application/ports/counter-store.js';
import type { Repositories } from './application/ports/unit-of-work.port.js';
import { Argon2PasswordHasher } from './infrastructure/auth/argon2-password-hasher.js';
import { JwtAccessTokenService } from './infrastructure/auth/jwt-access-token.service.js';
import { Sha256OpaqueTokenService } from './infrastructure/auth/sha256-opaque-token.service.js';
import { DatabaseProbe } from './infrastructure/health/database.probe.js';
import { LlmProbe } from './infrastructure/health/llm.probe.js';
import { RedisProbe } from './infrastructure/health/redis.probe.js';
import { UuidV7IdGenerator } from './infrastructure/ids/uuid-v7-id-generator.js';
import { InProcessCounterStore } from './infrastructure/limits/in-process-counter-store.adapter.js';
import { FallbackRateLimiter } from './infrastructure/limits/fallback-rate-limiter.adapter.js';
import { InProcessRateLimiter } from './infrastructure/limits/in-process-rate-limiter.adapter.js';
import { RedisRateLimiter } from './infrastructure/limits/redis-rate-limiter.adapter.js';
import { RedisCounterStore } from './infrastructure/limits/redis-counter-store.adapter.js';
import { CachingUserRepository } from './infrastructure/persistence/caching-user.repository.js';
import { KyselyUnitOfWork, kyselyRepositories } from './infrastructure/persistence/kysely-unit-of-work.js';
import { KyselyUserRepository } from './infrastructure/persistence/kysely-user.repository.js';
import { AUTH_COOKIE_SETTINGS, type AuthCookieSettings } from './http/auth-cookie.js';
import { AdminUsersController } from './http/controllers/admin-users.controller.js';
import { AuthController } from './http/controllers/auth.controller.js';
import { AdminAuditController } from './http/controllers/admin-audit.controller.js';
import { AdminCohortsController } from './http/controllers/admin-cohorts.controller.js';
import { AdminFeaturesController } from './http/controllers/admin-features.controller.js';
import { ChatQuotaController } from './http/controllers/chat-quota.controller.js';
import { ConfigController } from './http/controllers/config.controller.js';
import { MeController } from './http/controllers/me.controller.js';

export interface ContainerOverrides {
  clock?: Clock;
}

/**
 * The one composition root. Use cases carry no DI decorators: they are built here with plain
 * factories from the ports' adapters. Controllers are @injectable and resolved by tsoa.
 */
export function buildContainer(ctx: AppContext, overrides: ContainerOverrides = {}): Container {
  const { config, database, redis, changes, logger } = ctx;
  const db = database.db;
  const clock = overrides.clock ?? systemClock;
  const ids = new UuidV7IdGenerator();

  // Persistence: reads through the pool (users cached for a few seconds), writes that must
  // land together through the unit of work.
  const repositories: Repositories = {
    ...kyselyRepositories(db),
    users: new CachingUserRepository(new KyselyUserRepository(db), changes),
  };
  const uow = new KyselyUnitOfWork(db);

  // Identity.
  const hasher = new Argon2PasswordHasher();
  const opaqueTokens = new Sha256OpaqueTokenService();
  const accessTokens = new JwtAccessTokenService({
    secret: config.auth.jwtSecret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    accessTtlSeconds: config.auth.accessTtlSeconds,
    jwksUrl: config.auth.jwksUrl,
    roleClaim: config.auth.roleClaim,
  });
  const counters: CounterStore = redis ? new RedisCounterStore(redis) : new InProcessCounterStore(clock);
  const sessions = new SessionIssuer(accessTokens, opaqueTokens, ids, clock, config.auth.refreshTtlSeconds);
  // Rollout.
  const evaluator = new FeatureEvaluator(repositories, changes, { chat: config.features.chatDeploymentEnabled });
  const featureAccess: FeatureAccess = { chatEnabledFor: async (user) => (await evaluator.evaluate('chat', user)).enabled };
  const audit = new AuditRecorder(ids, clock);
  const cohortDeps: CohortDeps = { uow, repositories, audit, changes, ids, clock };

  // Limits: Redis shared by every instance (with a fail-closed fallback), or in process.
  const limiter: RateLimiter = redis
    ? new FallbackRateLimiter(new RedisRateLimiter(redis), {
        onFallback: (op, error) => logger.warn({ op, err: error }, 'limits: Redis unavailable, using the fallback policy'),
        onRecover: () => logger.info({}, 'limits: Redis is back'),
      })
    : new InProcessRateLimiter();
  const limitsPolicy = new ChatLimitsPolicy(config.chat.rateLimitPerMinute, config.chat.dailyMessageQuota);

  const container = new Container({ defaultScope: 'Transient' });
  const constant = <T>(id: Newable<T>, value: T) => container.bind(id).toConstantValue(value);

  constant(RegisterUser, new RegisterUser(uow, hasher, sessions, ids, clock, config.auth.allowSignup));
  constant(LoginUser, new LoginUser(repositories, uow, hasher, sessions, new LoginThrottle(counters)));
  constant(RefreshSession, new RefreshSession(uow, opaqueTokens, sessions, clock, logger));
  constant(Logout, new Logout(repositories, opaqueTokens, clock));
  constant(AuthenticateAccessToken, new AuthenticateAccessToken(accessTokens, repositories, ids, clock));
  constant(GetMe, new GetMe(repositories, featureAccess));
  constant(BootstrapAdmin, new BootstrapAdmin(repositories, hasher, ids, clock));
  constant(ListUsers, new ListUsers(repositories));
  constant(ChangeUserRole, new ChangeUserRole(uow, changes, clock, audit));

  constant(RequireFeature, new RequireFeature(evaluator));
  constant(ListFeatures, new ListFeatures(repositories, evaluator));
  constant(GetFeature, new GetFeature(repositories, evaluator));
  constant(UpdateFeature, new UpdateFeature(uow, audit, changes, evaluator, clock));
  constant(EvaluateFeatureForUser, new EvaluateFeatureForUser(repositories, evaluator));
  constant(ListCohorts, new ListCohorts(cohortDeps));
  constant(GetCohort, new GetCohort(cohortDeps));
  constant(CreateCohort, new CreateCohort(cohortDeps));
  constant(UpdateCohort, new UpdateCohort(cohortDeps));
  constant(DeleteCohort, new DeleteCohort(cohortDeps));
  constant(ListCohortMembers, new ListCohortMembers(cohortDeps));
  constant(AddCohortMembers, new AddCohortMembers(cohortDeps));
  constant(RemoveCohortMember, new RemoveCohortMember(cohortDeps));
  constant(ListAuditLog, new ListAuditLog(repositories));

  constant(GetChatQuota, new GetChatQuota(limiter, limitsPolicy, clock));

  // Operations.
  constant(
    GetClientConfig,
    new GetClientConfig({
      signupEnabled: config.auth.allowSignup,
      demoModel: config.llm.demo,
      model: config.llm.model,
      limits: { maxMessageLength: config.chat.maxMessageLength, maxTokens: config.chat.maxTokens },
    }),
  );
  constant(
    CheckReadiness,
    new CheckReadiness([
      new DatabaseProbe(db, database.kind),
      new RedisProbe(redis),
      new LlmProbe({ model: config.llm.model, demo: config.llm.demo }),
    ]),
  );

  container.bind<AuthCookieSettings>(AUTH_COOKIE_SETTINGS).toConstantValue({ secure: config.env !== 'development' });

  // Transient: tsoa keeps per-request status and headers on the controller instance.
  const controllers: Newable<unknown>[] = [
    ConfigController,
    AuthController,
    MeController,
    AdminUsersController,
    AdminFeaturesController,
    AdminCohortsController,
    AdminAuditController,
    ChatQuotaController,
  ];
  for (const controller of controllers) container.bind(controller).toSelf();
  return container;
}
