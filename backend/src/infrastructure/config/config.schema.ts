import bytes from 'bytes';
import { z } from 'zod';

/*
 * The whole configuration table of PRODUCT.md, parsed once at start-up. Every value arrives as
 * a string (or undefined) from the environment; an empty string counts as unset so that
 * `FOO=` in .env means "use the default" rather than "invalid".
 */

const unset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const str = (fallback: string) => z.preprocess(unset, z.string().trim().default(fallback));
const optionalStr = () => z.preprocess(unset, z.string().trim().optional());

const int = (fallback: number, min: number, max: number) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const bool = (fallback: boolean) =>
  z.preprocess(
    unset,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
/** A duration like `15m` or `30d`, kept in whole seconds (tokens carry seconds). */
const duration = (fallback: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .trim()
      .default(fallback)
      .refine((v) => DURATION.test(v), 'must be a duration such as 900s, 15m, 12h or 30d')
      .transform((v) => {
        const [, amount, unit] = DURATION.exec(v)!;
        return Math.floor(Number(amount) * UNIT_SECONDS[unit!]!);
      })
      .refine((seconds) => seconds >= 1, 'must be at least one second'),
  );

function url(protocols: string[], what: string): z.ZodType<string | undefined, unknown>;
function url(protocols: string[], what: string, fallback: string): z.ZodType<string, unknown>;
function url(protocols: string[], what: string, fallback?: string): z.ZodType<string | undefined, unknown> {
  const checked = z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a ${what} URL (${protocols.map((p) => `${p}//`).join(' or ')})`,
    );
  return z.preprocess(unset, fallback === undefined ? checked.optional() : checked.default(fallback));
}

const origins = z.preprocess(
  unset,
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine(
      (list) =>
        list.every((o) => {
          try {
            return new URL(o).origin === o.replace(/\/$/, '');
          } catch {
            return false;
          }
        }),
      'must be a comma-separated list of origins such as https://app.example.com',
    ),
);

/** `false`, `true`, a hop count, or a comma-separated list of addresses/subnets (express's own forms). */
const trustProxy = z.preprocess(
  unset,
  z
    .string()
    .trim()
    .default('false')
    .transform((v): boolean | number | string[] => {
      if (v === 'false' || v === '0') return false;
      if (v === 'true') return true;
      if (/^\d+$/.test(v)) return Number(v);
      return v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
    }),
);

const byteSize = (fallback: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .trim()
      .default(fallback)
      .transform((v) => bytes.parse(v))
      .refine(
        (n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0,
        'must be a size such as 256kb or 1mb',
      ),
  );

/**
 * Per-role limit overrides: `role=perMinute/daily` or `role=unlimited`, comma-separated, e.g.
 * `admin=unlimited,user=20/500`. Roles not listed get CHAT_RATE_LIMIT_PER_MINUTE and
 * CHAT_DAILY_MESSAGE_QUOTA. Empty (`CHAT_LIMITS_BY_ROLE=none`) means nobody is unlimited.
 */
const ROLE_LIMIT = /^(user|admin)=(unlimited|(\d+)\/(\d+))$/;
const roleLimits = (fallback: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .trim()
      .default(fallback)
      .refine(
        (v) => v === 'none' || v.split(',').every((part) => ROLE_LIMIT.test(part.trim())),
        'must be none, or a comma-separated list of role=perMinute/daily or role=unlimited (roles: user, admin)',
      )
      .transform((v) => {
        const overrides: Record<string, 'unlimited' | { perMinute: number; dailyMessages: number }> = {};
        if (v === 'none') return overrides;
        for (const part of v.split(',')) {
          const [, role, limit, perMinute, daily] = ROLE_LIMIT.exec(part.trim())!;
          overrides[role!] =
            limit === 'unlimited'
              ? 'unlimited'
              : { perMinute: Number(perMinute), dailyMessages: Number(daily) };
        }
        return overrides;
      })
      .refine(
        (o) => Object.values(o).every((l) => l === 'unlimited' || (l.perMinute >= 1 && l.dailyMessages >= 1)),
        'limits must be at least 1',
      ),
  );

export const envSchema = z.object({
  NODE_ENV: z.preprocess(unset, z.enum(['development', 'production', 'test']).default('development')),
  PORT: int(8080, 0, 65535),
  HOST: str('127.0.0.1'),
  DATA_DIR: optionalStr(),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'PostgreSQL'),
  DATABASE_PREPARED_STATEMENTS: bool(true),
  REDIS_URL: url(['redis:', 'rediss:'], 'Redis'),
  REDIS_KEY_PREFIX: str('parley:'),
  JWT_SECRET: z.preprocess(
    unset,
    z
      .string()
      .refine((v) => Buffer.byteLength(v, 'utf8') >= 32, 'must be at least 32 bytes long')
      .optional(),
  ),
  JWT_ISSUER: str('parley'),
  JWT_AUDIENCE: str('parley-api'),
  JWT_ACCESS_TTL: duration('15m'),
  JWT_REFRESH_TTL: duration('30d'),
  JWT_JWKS_URL: url(['https:', 'http:'], 'HTTP(S)'),
  JWT_ROLE_CLAIM: optionalStr(),
  AUTH_ALLOW_SIGNUP: bool(true),
  ADMIN_EMAIL: z.preprocess(unset, z.email('must be an email address').default('admin@parley.local')),
  ADMIN_PASSWORD: z.preprocess(unset, z.string().min(10, 'must be at least 10 characters').optional()),
  TRUST_PROXY: trustProxy,
  CORS_ORIGINS: origins,
  MAX_BODY_BYTES: byteSize('256kb'),
  SAMBANOVA_API_KEY: optionalStr(),
  SAMBANOVA_API_BASE: url(['https:', 'http:'], 'HTTP(S)', 'https://api.sambanova.ai/v1'),
  SAMBANOVA_MODEL: str('Meta-Llama-3.3-70B-Instruct'),
  CHAT_SYSTEM_PROMPT: str(
    'You are Parley, a helpful assistant. Answer clearly and concisely, and use Markdown when it helps.',
  ),
  LLM_TIMEOUT_MS: int(30_000, 100, 600_000),
  LLM_IDLE_TIMEOUT_MS: int(30_000, 100, 600_000),
  LLM_MAX_DURATION_MS: int(300_000, 1_000, 3_600_000),
  LLM_CIRCUIT_FAILURES: int(5, 1, 1_000),
  LLM_CIRCUIT_RESET_MS: int(30_000, 100, 3_600_000),
  CHAT_MAX_CONTEXT_MESSAGES: int(20, 1, 500),
  CHAT_MAX_CONTEXT_TOKENS: int(6_000, 100, 1_000_000),
  CHAT_MAX_TOKENS: int(1_024, 1, 100_000),
  CHAT_MAX_MESSAGE_LENGTH: int(4_000, 1, 100_000),
  CHAT_RATE_LIMIT_PER_MINUTE: int(10, 1, 100_000),
  CHAT_DAILY_MESSAGE_QUOTA: int(100, 1, 10_000_000),
  CHAT_RETENTION_DAYS: int(30, 1, 3_650),
  CHAT_LIMITS_BY_ROLE: roleLimits('admin=unlimited'),
  CHAT_MAX_RUNNING_REPLIES: int(3, 1, 10_000),
  CHAT_REPLY_LOG_TTL_S: int(300, 1, 86_400),
  CHAT_STOP_ACK_MS: int(1_000, 50, 60_000),
  CHAT_STALE_REPLY_MS: int(60_000, 1_000, 3_600_000),
  FEATURE_CHAT_ENABLED: bool(false),
  LOG_LEVEL: z.preprocess(
    unset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  SHUTDOWN_TIMEOUT_MS: int(25_000, 0, 600_000),
});

export type ParsedEnv = z.infer<typeof envSchema>;
