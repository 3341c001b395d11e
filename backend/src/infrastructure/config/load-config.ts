import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { envSchema, type ParsedEnv } from './config.schema.js';
import { findRepoRoot } from './repo-root.js';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly server: { readonly port: number; readonly host: string; readonly shutdownTimeoutMs: number };
  readonly dataDir: string;
  /** Undefined: the embedded PGlite database under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Prepare each statement once per PostgreSQL connection (off behind a pooler that cannot keep them). */
  readonly databasePreparedStatements: boolean;
  /** Undefined: in-process limiter store, single instance only. */
  readonly redis: { readonly url: string | undefined; readonly keyPrefix: string };
  readonly auth: {
    readonly jwtSecret: string;
    readonly issuer: string;
    readonly audience: string;
    readonly accessTtlSeconds: number;
    readonly refreshTtlSeconds: number;
    readonly jwksUrl: string | undefined;
    readonly roleClaim: string | undefined;
    readonly allowSignup: boolean;
    readonly adminEmail: string;
    readonly adminPassword: string;
    /** True when the admin password was generated (and kept under dataDir) rather than given. */
    readonly adminPasswordGenerated: boolean;
  };
  readonly http: {
    readonly trustProxy: boolean | number | string[];
    readonly corsOrigins: string[];
    readonly maxBodyBytes: number;
  };
  readonly llm: {
    readonly apiKey: string | undefined;
    readonly apiBase: string;
    readonly model: string;
    /** No key outside production: the built-in demo model answers. */
    readonly demo: boolean;
    readonly systemPrompt: string;
    readonly timeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly maxDurationMs: number;
    readonly circuitFailures: number;
    readonly circuitResetMs: number;
  };
  readonly chat: {
    readonly maxContextMessages: number;
    readonly maxContextTokens: number;
    readonly maxTokens: number;
    readonly maxMessageLength: number;
    readonly rateLimitPerMinute: number;
    readonly dailyMessageQuota: number;
    readonly retentionDays: number;
    /** CHAT_LIMITS_BY_ROLE: per-role overrides of the two limits. */
    readonly limitsByRole: Readonly<
      Record<string, 'unlimited' | { readonly perMinute: number; readonly dailyMessages: number }>
    >;
    /** CHAT_MAX_RUNNING_REPLIES: replies one user may have running at once, across instances. */
    readonly maxRunningReplies: number;
    /** CHAT_REPLY_LOG_TTL_S: how long a reply's event log stays after its end. */
    readonly replyLogTtlSeconds: number;
    /** CHAT_STOP_ACK_MS: how long a stop waits for the running instance before ending the reply itself. */
    readonly stopAckMs: number;
    /** CHAT_STALE_REPLY_MS: a streaming reply not saved for this long was left by a dead instance. */
    readonly staleReplyMs: number;
  };
  readonly features: { readonly chatDeploymentEnabled: boolean };
  readonly logLevel: ParsedEnv['LOG_LEVEL'];
}

interface GeneratedSecrets {
  jwtSecret?: string;
  adminPassword?: string;
}

/**
 * Outside production, secrets that were not given are generated once and kept in
 * `<dataDir>/secrets.json` (mode 0600), so tokens and the admin login survive restarts.
 */
function loadOrCreateSecrets(
  dataDir: string,
  need: { jwtSecret: boolean; adminPassword: boolean },
): GeneratedSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const stored: GeneratedSecrets = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets)
    : {};
  let changed = false;
  if (need.jwtSecret && !stored.jwtSecret) {
    stored.jwtSecret = randomBytes(48).toString('base64url');
    changed = true;
  }
  if (need.adminPassword && !stored.adminPassword) {
    stored.adminPassword = randomBytes(12).toString('base64url');
    changed = true;
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return stored;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';

  const problems: { variable: string; message: string }[] = [];
  if (isProduction && !e.JWT_SECRET)
    problems.push({ variable: 'JWT_SECRET', message: 'is required in production (at least 32 bytes)' });
  if (isProduction && !e.SAMBANOVA_API_KEY) {
    problems.push({
      variable: 'SAMBANOVA_API_KEY',
      message: 'is required in production (the demo model only runs outside production)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR ?? path.join(findRepoRoot() ?? process.cwd(), 'data'));
  const secrets = loadOrCreateSecrets(dataDir, {
    jwtSecret: !e.JWT_SECRET,
    adminPassword: !e.ADMIN_PASSWORD,
  });

  const config: Config = {
    env: e.NODE_ENV,
    isProduction,
    server: { port: e.PORT, host: e.HOST, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    auth: {
      jwtSecret: e.JWT_SECRET ?? secrets.jwtSecret!,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTtlSeconds: e.JWT_ACCESS_TTL,
      refreshTtlSeconds: e.JWT_REFRESH_TTL,
      jwksUrl: e.JWT_JWKS_URL,
      roleClaim: e.JWT_ROLE_CLAIM,
      allowSignup: e.AUTH_ALLOW_SIGNUP,
      adminEmail: e.ADMIN_EMAIL.toLowerCase(),
      adminPassword: e.ADMIN_PASSWORD ?? secrets.adminPassword!,
      adminPasswordGenerated: !e.ADMIN_PASSWORD,
    },
    http: { trustProxy: e.TRUST_PROXY, corsOrigins: e.CORS_ORIGINS, maxBodyBytes: e.MAX_BODY_BYTES },
    llm: {
      apiKey: e.SAMBANOVA_API_KEY,
      apiBase: e.SAMBANOVA_API_BASE,
      model: e.SAMBANOVA_MODEL,
      demo: !e.SAMBANOVA_API_KEY,
      systemPrompt: e.CHAT_SYSTEM_PROMPT,
      timeoutMs: e.LLM_TIMEOUT_MS,
      idleTimeoutMs: e.LLM_IDLE_TIMEOUT_MS,
      maxDurationMs: e.LLM_MAX_DURATION_MS,
      circuitFailures: e.LLM_CIRCUIT_FAILURES,
      circuitResetMs: e.LLM_CIRCUIT_RESET_MS,
    },
    chat: {
      maxContextMessages: e.CHAT_MAX_CONTEXT_MESSAGES,
      maxContextTokens: e.CHAT_MAX_CONTEXT_TOKENS,
      maxTokens: e.CHAT_MAX_TOKENS,
      maxMessageLength: e.CHAT_MAX_MESSAGE_LENGTH,
      rateLimitPerMinute: e.CHAT_RATE_LIMIT_PER_MINUTE,
      dailyMessageQuota: e.CHAT_DAILY_MESSAGE_QUOTA,
      retentionDays: e.CHAT_RETENTION_DAYS,
      limitsByRole: e.CHAT_LIMITS_BY_ROLE,
      maxRunningReplies: e.CHAT_MAX_RUNNING_REPLIES,
      replyLogTtlSeconds: e.CHAT_REPLY_LOG_TTL_S,
      stopAckMs: e.CHAT_STOP_ACK_MS,
      staleReplyMs: e.CHAT_STALE_REPLY_MS,
    },
    features: { chatDeploymentEnabled: e.FEATURE_CHAT_ENABLED },
    logLevel: e.LOG_LEVEL,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
