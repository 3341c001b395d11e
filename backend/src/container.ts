import { Container, type Newable } from 'inversify';
import type { AppContext } from './app-context.js';
import { AuthenticateAccessToken } from './application/identity/authenticate-access-token.use-case.js';
import { BootstrapAdmin } from './application/identity/bootstrap-admin.use-case.js';
import { ChangeUserRole } from './application/identity/change-user-role.use-case.js';
import { GetMe } from './application/identity/get-me.use-case.js';
import { ListUsers } from './application/identity/list-users.use-case.js';
import { LoginThrottle } from './application/identity/login-throttle.js';
import { LoginUser } from './application/identity/login-user.use-case.js';
import { Logout } from './application/identity/logout.use-case.js';
import { RefreshSession } from './application/identity/refresh-session.use-case.js';
import { RegisterUser } from './application/identity/register-user.use-case.js';
import { SessionIssuer } from './application/identity/session-issuer.js';
import { CreateSession } from './application/chat/create-session.use-case.js';
import { DeleteSession } from './application/chat/delete-session.use-case.js';
import { ExportSession } from './application/chat/export-session.use-case.js';
import { GetSession } from './application/chat/get-session.use-case.js';
import { ListMessages } from './application/chat/list-messages.use-case.js';
import { ListSessions } from './application/chat/list-sessions.use-case.js';
import { PurgeDeletedSessions } from './application/chat/purge-deleted-sessions.use-case.js';
import { RenameSession } from './application/chat/rename-session.use-case.js';
import { RestoreSession } from './application/chat/restore-session.use-case.js';
import { FollowReply } from './application/chat/send-message/follow-reply.use-case.js';
import { FreshChatAccess } from './application/chat/send-message/fresh-chat-access.js';
import { ReplyReaders } from './application/chat/send-message/reply-readers.js';
import { ReplyStopper } from './application/chat/send-message/reply-stopper.js';
import { RunReply } from './application/chat/send-message/run-reply.use-case.js';
import { RunningReplies } from './application/chat/send-message/running-replies.js';
import { SendMessage } from './application/chat/send-message/send-message.use-case.js';
import { StopReply } from './application/chat/send-message/stop-reply.use-case.js';
import { SweepStaleReplies } from './application/chat/send-message/sweep-stale-replies.use-case.js';
import { ReplyTransport } from './infrastructure/replies/reply-transport.js';
import { ConsumeChatQuota } from './application/limits/consume-chat-quota.use-case.js';
import { GetChatQuota } from './application/limits/get-chat-quota.use-case.js';
import { RefundChatQuota } from './application/limits/refund-chat-quota.use-case.js';
import type { RateLimiter } from './application/limits/rate-limiter.port.js';
import { CheckReadiness } from './application/operations/check-readiness.use-case.js';
import { AddCohortMembers } from './application/rollout/add-cohort-members.use-case.js';
import { ChatFeatureStatus } from './application/rollout/chat-feature-status.js';
import { FollowUserEvents } from './application/events/follow-user-events.use-case.js';
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
import { AuditRecorder } from './application/rollout/audit-recorder.js';
import { RemoveCohortMember } from './application/rollout/remove-cohort-member.use-case.js';
import { RequireFeature } from './application/rollout/require-feature.use-case.js';
import { UpdateCohort } from './application/rollout/update-cohort.use-case.js';
import { UpdateFeature } from './application/rollout/update-feature.use-case.js';
import { ChatLimitsPolicy } from './domain/limits/chat-limits-policy.js';
import { GetClientConfig } from './application/operations/get-client-config.use-case.js';
import { systemClock, type Clock } from './application/ports/clock.port.js';
import type { CounterStore } from './application/ports/counter-store.port.js';
import type { Repositories } from './application/ports/unit-of-work.port.js';
import { Argon2PasswordHasher } from './infrastructure/auth/argon2-password-hasher.adapter.js';
import { JwtAccessTokenService } from './infrastructure/auth/jwt-access-token.adapter.js';
import { Sha256OpaqueTokenService } from './infrastructure/auth/sha256-opaque-token.adapter.js';
import { DatabaseProbe } from './infrastructure/health/database-probe.adapter.js';
import { LlmProbe } from './infrastructure/health/llm-probe.adapter.js';
import { RedisProbe } from './infrastructure/health/redis-probe.adapter.js';
import { UuidV7IdGenerator } from './infrastructure/ids/uuid-v7-id-generator.adapter.js';
import { InProcessCounterStore } from './infrastructure/limits/in-process-counter-store.adapter.js';
import { FallbackCounterStore } from './infrastructure/limits/fallback-counter-store.adapter.js';
import { FallbackRateLimiter } from './infrastructure/limits/fallback-rate-limiter.adapter.js';
import { InProcessRateLimiter } from './infrastructure/limits/in-process-rate-limiter.adapter.js';
import { RedisRateLimiter } from './infrastructure/limits/redis-rate-limiter.adapter.js';
import { MeteredRateLimiter } from './infrastructure/limits/metered-rate-limiter.adapter.js';
import { Cl100kTokenCounter } from './infrastructure/llm/cl100k-token-counter.adapter.js';
import { RedisCounterStore } from './infrastructure/limits/redis-counter-store.adapter.js';
import { CachingUserRepository } from './infrastructure/persistence/caching-user.repository.js';
import {
  KyselyUnitOfWork,
  kyselyRepositories,
} from './infrastructure/persistence/kysely-unit-of-work.adapter.js';
import { KyselyUserRepository } from './infrastructure/persistence/kysely-user.repository.js';
import { AUTH_COOKIE_SETTINGS, type AuthCookieSettings } from './http/auth-cookie.js';
import { AdminUsersController } from './http/controllers/admin-users.controller.js';
import { AuthController } from './http/controllers/auth.controller.js';
import { AdminAuditController } from './http/controllers/admin-audit.controller.js';
import { AdminCohortsController } from './http/controllers/admin-cohorts.controller.js';
import { AdminFeaturesController } from './http/controllers/admin-features.controller.js';
import { ChatMessagesController } from './http/controllers/chat-messages.controller.js';
import { ChatSessionsController } from './http/controllers/chat-sessions.controller.js';
import { ChatQuotaController } from './http/controllers/chat-quota.controller.js';
import { ConfigController } from './http/controllers/config.controller.js';
import { MeController } from './http/controllers/me.controller.js';
import { EventsController } from './http/controllers/events.controller.js';
import { LiveFeeds } from './http/live-feeds.js';

export interface ContainerOverrides {
  clock?: Clock;
}

/**
 * The one composition root. Use cases carry no DI decorators: they are built here with plain
 * factories from the ports' adapters. Controllers are @injectable and resolved by tsoa.
 */
export function buildContainer(ctx: AppContext, overrides: ContainerOverrides = {}): Container {
  // userEvents: each user's live feed (GET /events), Redis pub/sub when REDIS_URL is set, else
  // in process (app-context.ts makes it, closeAppContext closes it).
  const { config, database, redis, changes, userEvents, logger, metrics, model } = ctx;
  const db = database.db;
  const clock = overrides.clock ?? systemClock;
  const ids = new UuidV7IdGenerator();

  // Persistence: reads through the pool (users cached for a few seconds), writes that must
  // land together through the unit of work.
  const repositories: Repositories = {
    ...kyselyRepositories(db),
    users: new CachingUserRepository(new KyselyUserRepository(db), changes),
  };
  const { users, refreshTokens, features, cohorts, auditLog, chatSessions, chatMessages, chatExchanges } =
    repositories;
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
  // Sign-in throttling: Redis shared by every instance, falling back to this instance's counts
  // while Redis does not answer (sign-in must not go down with it).
  const counters: CounterStore = redis
    ? new FallbackCounterStore(
        new RedisCounterStore(redis),
        new InProcessCounterStore(clock),
        {
          onFallback: (error) =>
            logger.warn({ err: error }, 'login throttle: Redis unavailable, counting in this instance'),
          onRecover: () => logger.info({}, 'login throttle: Redis is back'),
        },
        clock,
      )
    : new InProcessCounterStore(clock);
  const sessions = new SessionIssuer(accessTokens, opaqueTokens, ids, clock, config.auth.refreshTtlSeconds);
  // Rollout.
  const evaluator = new FeatureEvaluator(features, cohorts, changes, {
    chat: config.features.chatDeploymentEnabled,
  });
  // Chat on or off for a user and, when off, why (GET /me, the live feed's features.changed).
  const chatFeature = new ChatFeatureStatus(evaluator, chatSessions);
  const audit = new AuditRecorder(ids, clock);

  // Limits: Redis shared by every instance (with a fail-closed fallback), or in process.
  const store: RateLimiter = redis
    ? new FallbackRateLimiter(new RedisRateLimiter(redis), {
        onFallback: (operation, error) => {
          metrics.limiterFallbacks.inc({ operation });
          logger.warn({ operation, err: error }, 'limits: Redis unavailable, using the fallback policy');
        },
        onRecover: () => logger.info({}, 'limits: Redis is back'),
      })
    : new InProcessRateLimiter();
  const limiter = new MeteredRateLimiter(store, (kind) => metrics.limitRejections.inc({ kind }));
  const limitsPolicy = new ChatLimitsPolicy(
    config.chat.rateLimitPerMinute,
    config.chat.dailyMessageQuota,
    config.chat.limitsByRole,
  );

  const container = new Container({ defaultScope: 'Transient' });
  const constant = <T>(id: Newable<T>, value: T) => container.bind(id).toConstantValue(value);

  constant(RegisterUser, new RegisterUser(uow, hasher, sessions, ids, clock, config.auth.allowSignup));
  constant(LoginUser, new LoginUser(users, uow, hasher, sessions, new LoginThrottle(counters)));
  constant(RefreshSession, new RefreshSession(uow, opaqueTokens, sessions, clock, logger));
  constant(Logout, new Logout(refreshTokens, opaqueTokens, clock));
  constant(AuthenticateAccessToken, new AuthenticateAccessToken(accessTokens, users, ids, clock));
  constant(GetMe, new GetMe(users, chatFeature));
  constant(BootstrapAdmin, new BootstrapAdmin(users, hasher, ids, clock));
  constant(ListUsers, new ListUsers(users));
  constant(ChangeUserRole, new ChangeUserRole(uow, changes, clock, audit));

  constant(RequireFeature, new RequireFeature(evaluator));
  constant(ListFeatures, new ListFeatures(features, evaluator));
  constant(GetFeature, new GetFeature(features, evaluator));
  constant(UpdateFeature, new UpdateFeature(uow, audit, changes, evaluator, clock));
  constant(EvaluateFeatureForUser, new EvaluateFeatureForUser(features, users, evaluator));
  constant(ListCohorts, new ListCohorts(cohorts));
  constant(GetCohort, new GetCohort(cohorts));
  constant(CreateCohort, new CreateCohort(uow, audit, ids, clock));
  constant(UpdateCohort, new UpdateCohort(uow, audit, clock));
  constant(DeleteCohort, new DeleteCohort(uow, audit, changes, clock));
  constant(ListCohortMembers, new ListCohortMembers(cohorts));
  constant(AddCohortMembers, new AddCohortMembers(uow, audit, changes, clock));
  constant(RemoveCohortMember, new RemoveCohortMember(uow, audit, changes));
  constant(ListAuditLog, new ListAuditLog(auditLog));

  constant(GetChatQuota, new GetChatQuota(limiter, limitsPolicy, clock));

  // Sending messages (application/chat/send-message/): the send's checks and writes, the reply's
  // run writing its log, and the readers of that log; stop wherever a reply runs. The log and
  // the control are Redis Streams and pub/sub when REDIS_URL is set, in process otherwise.
  const tokens = new Cl100kTokenCounter();
  const refundQuota = new RefundChatQuota(limiter);
  const replies = new ReplyTransport(redis, logger, {
    logTtlSeconds: config.chat.replyLogTtlSeconds,
    stopAckMs: config.chat.stopAckMs,
    clock,
  });
  constant(ReplyTransport, replies);
  const running = new RunningReplies(changes, { changed: (n) => metrics.chatActiveReplies.set(n) });
  constant(RunningReplies, running);
  const readers = new ReplyReaders(replies.log, running, chatMessages);
  constant(ReplyReaders, readers);
  const runReply = new RunReply(
    {
      exchanges: chatExchanges,
      model: model.chatModel,
      tokens,
      log: replies.log,
      control: replies.control,
      running,
      // Read afresh (not through the few-second user cache): a switch-off must reach running replies.
      access: new FreshChatAccess(
        new KyselyUserRepository(db),
        features,
        cohorts,
        config.features.chatDeploymentEnabled,
      ),
      refundQuota,
      events: userEvents,
      clock,
      logger,
      observer: { ended: (status) => metrics.chatReplies.inc({ status }) },
    },
    {
      progressIntervalMs: 1_000,
      accessCheckMs: 5_000,
      // The size cap: generous for CHAT_MAX_TOKENS tokens (a token is a few characters).
      maxReplyChars: config.chat.maxTokens * 16,
    },
  );
  constant(
    SendMessage,
    new SendMessage(
      {
        exchanges: chatExchanges,
        messages: chatMessages,
        model,
        consumeQuota: new ConsumeChatQuota(limiter, limitsPolicy, clock),
        refundQuota,
        tokens,
        ids,
        clock,
        run: runReply,
        readers,
        events: userEvents,
      },
      {
        model: config.llm.model,
        systemPrompt: config.llm.systemPrompt,
        contextMessages: config.chat.maxContextMessages,
        contextTokens: config.chat.maxContextTokens,
        maxMessageLength: config.chat.maxMessageLength,
        maxTokens: config.chat.maxTokens,
        idempotencyTtlMs: 24 * 3_600_000,
        maxRunningReplies: config.chat.maxRunningReplies,
      },
    ),
  );
  const stopper = new ReplyStopper(replies.control, chatExchanges, replies.log, userEvents, clock, logger);
  constant(FollowReply, new FollowReply(chatSessions, chatMessages, readers));
  constant(StopReply, new StopReply(chatSessions, chatMessages, stopper));
  constant(
    SweepStaleReplies,
    new SweepStaleReplies(chatExchanges, replies.log, userEvents, clock, logger, config.chat.staleReplyMs),
  );

  // Chat sessions.
  const retentionDays = config.chat.retentionDays;
  constant(ListSessions, new ListSessions(chatSessions));
  constant(CreateSession, new CreateSession(chatSessions, ids, clock, userEvents));
  constant(GetSession, new GetSession(chatSessions, chatMessages));
  constant(ListMessages, new ListMessages(chatSessions, chatMessages));
  constant(RenameSession, new RenameSession(chatSessions, clock, userEvents));
  constant(DeleteSession, new DeleteSession(chatSessions, chatExchanges, stopper, clock, userEvents));
  constant(RestoreSession, new RestoreSession(chatSessions, clock, retentionDays, userEvents));
  constant(ExportSession, new ExportSession(chatSessions, chatMessages, clock));
  constant(PurgeDeletedSessions, new PurgeDeletedSessions(chatSessions, clock, retentionDays));

  // The live feed (GET /events): the user's events, and features.changed when chat turns on or off.
  constant(FollowUserEvents, new FollowUserEvents(userEvents, changes, users, chatFeature, logger));
  constant(LiveFeeds, new LiveFeeds());

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
      new LlmProbe({
        model: config.llm.model,
        demo: config.llm.demo,
        circuitState: () => model.circuitState(),
      }),
    ]),
  );

  container
    .bind<AuthCookieSettings>(AUTH_COOKIE_SETTINGS)
    .toConstantValue({ secure: config.env !== 'development' });

  // Transient: tsoa keeps per-request status and headers on the controller instance.
  const controllers: Newable<unknown>[] = [
    ConfigController,
    AuthController,
    MeController,
    EventsController,
    AdminUsersController,
    AdminFeaturesController,
    AdminCohortsController,
    AdminAuditController,
    ChatQuotaController,
    ChatSessionsController,
    ChatMessagesController,
  ];
  for (const controller of controllers) container.bind(controller).toSelf();
  return container;
}
