import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infrastructure/config/load-config.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'parley-config-'));

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig({ DATA_DIR: tempDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    expect(config.env).toBe('development');
    expect(config.server).toMatchObject({ port: 8080, host: '127.0.0.1' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.auth).toMatchObject({
      issuer: 'parley',
      audience: 'parley-api',
      accessTtlSeconds: 900,
      refreshTtlSeconds: 30 * 86400,
      allowSignup: true,
      adminEmail: 'admin@parley.local',
    });
    expect(config.http).toEqual({ trustProxy: false, corsOrigins: [], maxBodyBytes: 256 * 1024 });
    expect(config.llm).toMatchObject({
      demo: true,
      apiBase: 'https://api.sambanova.ai/v1',
      model: 'Meta-Llama-3.3-70B-Instruct',
    });
    expect(config.llm).toMatchObject({
      timeoutMs: 30000,
      idleTimeoutMs: 30000,
      maxDurationMs: 300000,
      circuitFailures: 5,
      circuitResetMs: 30000,
    });
    expect(config.chat).toEqual({
      maxContextMessages: 20,
      maxContextTokens: 6000,
      maxTokens: 1024,
      maxMessageLength: 4000,
      rateLimitPerMinute: 10,
      dailyMessageQuota: 100,
      retentionDays: 30,
      limitsByRole: { admin: 'unlimited' },
      maxRunningReplies: 3,
      replyLogTtlSeconds: 300,
      stopAckMs: 1000,
      staleReplyMs: 60000,
    });
    expect(config.features.chatDeploymentEnabled).toBe(false);
    expect(config.logLevel).toBe('info');
  });

  it('is frozen all the way down', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.chat)).toBe(true);
    expect(Object.isFrozen(config.http.corsOrigins)).toBe(true);
  });

  it('parses typed values: booleans, durations, sizes, lists, proxies', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      FEATURE_CHAT_ENABLED: 'true',
      AUTH_ALLOW_SIGNUP: 'false',
      JWT_ACCESS_TTL: '90s',
      JWT_REFRESH_TTL: '12h',
      MAX_BODY_BYTES: '1mb',
      CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
      TRUST_PROXY: '2',
      PORT: '',
    });
    expect(config.features.chatDeploymentEnabled).toBe(true);
    expect(config.auth.allowSignup).toBe(false);
    expect(config.auth.accessTtlSeconds).toBe(90);
    expect(config.auth.refreshTtlSeconds).toBe(43200);
    expect(config.http.maxBodyBytes).toBe(1024 * 1024);
    expect(config.http.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(config.http.trustProxy).toBe(2);
    expect(config.server.port).toBe(8080);
    expect(loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
  });

  it.each([
    ['JWT_SECRET', 'short', 'at least 32 bytes'],
    ['DATABASE_URL', 'not a url', 'PostgreSQL URL'],
    ['DATABASE_URL', 'mysql://x@localhost/db', 'PostgreSQL URL'],
    ['REDIS_URL', 'http://localhost:6379', 'Redis URL'],
    ['PORT', 'eighty', 'whole number'],
    ['PORT', '70000', 'at most 65535'],
    ['FEATURE_CHAT_ENABLED', 'maybe', 'true or false'],
    ['JWT_ACCESS_TTL', '15 minutes', 'duration'],
    ['MAX_BODY_BYTES', 'lots', 'size'],
    ['CORS_ORIGINS', 'https://a.example.com/path', 'origins'],
    ['ADMIN_EMAIL', 'nobody', 'email'],
    ['LOG_LEVEL', 'loud', 'Invalid option'],
    ['CHAT_LIMITS_BY_ROLE', 'admin=lots', 'role=perMinute/daily'],
    ['CHAT_LIMITS_BY_ROLE', 'root=unlimited', 'role=perMinute/daily'],
    ['CHAT_LIMITS_BY_ROLE', 'user=0/10', 'at least 1'],
  ])('rejects %s=%s, naming the variable', (variable, value, message) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toEqual([
      expect.objectContaining({ variable, message: expect.stringContaining(message) }),
    ]);
  });

  it('parses per-role limit overrides', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), CHAT_LIMITS_BY_ROLE: 'admin=unlimited, user=20/500' });
    expect(config.chat.limitsByRole).toEqual({
      admin: 'unlimited',
      user: { perMinute: 20, dailyMessages: 500 },
    });
    expect(loadConfig({ DATA_DIR: tempDir(), CHAT_LIMITS_BY_ROLE: 'none' }).chat.limitsByRole).toEqual({});
  });

  it('requires a JWT secret and a model key in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['JWT_SECRET', 'SAMBANOVA_API_KEY']);
  });

  it('generates the JWT secret and admin password once outside production and keeps them', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(Buffer.byteLength(first.auth.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(first.auth.adminPassword.length).toBeGreaterThanOrEqual(10);
    expect(first.auth.adminPasswordGenerated).toBe(true);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.auth.adminPassword).toBe(first.auth.adminPassword);
    const file = path.join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      jwtSecret: first.auth.jwtSecret,
      adminPassword: first.auth.adminPassword,
    });
  });

  it('uses given secrets instead of generating them', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_PASSWORD: 'correct horse battery',
    });
    expect(config.auth.jwtSecret).toBe('x'.repeat(32));
    expect(config.auth.adminPassword).toBe('correct horse battery');
    expect(config.auth.adminPasswordGenerated).toBe(false);
  });
});
