import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessTokenService } from '../../../src/application/identity/ports/access-token.port.js';
import type { PasswordHasher } from '../../../src/application/identity/ports/password-hasher.port.js';
import { ChangeUserRole } from '../../../src/application/identity/change-user-role.use-case.js';
import { LoginThrottle } from '../../../src/application/identity/login-throttle.js';
import { LoginUser } from '../../../src/application/identity/login-user.use-case.js';
import { RegisterUser } from '../../../src/application/identity/register-user.use-case.js';
import { SessionIssuer } from '../../../src/application/identity/session-issuer.js';
import { AuditRecorder } from '../../../src/application/rollout/audit-recorder.js';
import { BootstrapAdmin } from '../../../src/application/identity/bootstrap-admin.use-case.js';
import {
  Forbidden,
  InvalidCredentials,
  LoginThrottled,
  SignupDisabled,
} from '../../../src/domain/identity/identity-errors.js';
import { NotFound } from '../../../src/domain/shared/domain-error.js';
import { TestClock } from '../../support/test-clock.js';
import {
  inMemoryRepositories,
  PassThroughUnitOfWork,
  RecordingChangeFeed,
  sequentialIds,
  SimpleCounterStore,
} from '../../support/fakes/in-memory-repositories.js';

/** Records every verify call, so a test can see that unknown emails are hashed too. */
class RecordingHasher implements PasswordHasher {
  readonly verifyCalls: (string | null)[] = [];
  async hash(password: string) {
    return `hashed:${password}`;
  }
  async verify(hash: string | null, password: string) {
    this.verifyCalls.push(hash);
    return hash === `hashed:${password}`;
  }
}

const tokens: AccessTokenService = {
  issue: ({ userId }) => ({ token: `access-for-${userId}`, expiresInSeconds: 900 }),
  verify: async () => ({ kind: 'local', userId: 'x', expiresAt: new Date(0) }),
};
const opaque = { generate: () => `r${Math.random()}`, hash: (t: string) => `h:${t}` };

function world(options: { signup?: boolean } = {}) {
  const repositories = inMemoryRepositories();
  const uow = new PassThroughUnitOfWork(repositories);
  const hasher = new RecordingHasher();
  const clock = new TestClock(new Date('2026-11-22T10:00:00Z'));
  const counters = new SimpleCounterStore();
  const sessions = new SessionIssuer(tokens, opaque, sequentialIds, clock, 3600);
  const register = new RegisterUser(uow, hasher, sessions, sequentialIds, clock, options.signup ?? true);
  const login = new LoginUser(repositories.users, uow, hasher, sessions, new LoginThrottle(counters));
  return { repositories, uow, hasher, clock, counters, register, login };
}

describe('RegisterUser', () => {
  it('stores a hashed password, never the password, and issues a session', async () => {
    const w = world();
    const session = await w.register.execute({
      email: 'A@B.example',
      password: 'long-enough-pw',
      displayName: 'A',
    });
    const stored = await w.repositories.users.findByEmail('a@b.example');
    expect(stored?.passwordHash).toBe('hashed:long-enough-pw');
    expect(session.accessToken).toBe(`access-for-${stored!.id}`);
    expect(w.repositories.refreshTokens.tokens.size).toBe(1);
  });

  it('refuses when sign-up is off, before doing any work', async () => {
    const w = world({ signup: false });
    await expect(
      w.register.execute({ email: 'a@b.example', password: 'long-enough-pw', displayName: 'A' }),
    ).rejects.toBeInstanceOf(SignupDisabled);
    expect(w.repositories.users.users.size).toBe(0);
  });
});

describe('LoginUser', () => {
  let w: ReturnType<typeof world>;
  beforeEach(async () => {
    w = world();
    await w.register.execute({ email: 'a@b.example', password: 'long-enough-pw', displayName: 'A' });
  });

  it('hashes for an unknown email too, so both failures cost the same', async () => {
    await expect(
      w.login.execute({ email: 'nobody@b.example', password: 'whatever-pw', ip: '1.2.3.4' }),
    ).rejects.toBeInstanceOf(InvalidCredentials);
    expect(w.hasher.verifyCalls).toEqual([null]);
  });

  it('counts failures per email and per IP, and clears the email count on success', async () => {
    await expect(
      w.login.execute({ email: 'a@b.example', password: 'wrong-pw-xx', ip: '1.2.3.4' }),
    ).rejects.toBeInstanceOf(InvalidCredentials);
    expect(w.counters.counts.get('login:failures:email:a@b.example')).toBe(1);
    expect(w.counters.counts.get('login:failures:ip:1.2.3.4')).toBe(1);
    await w.login.execute({ email: 'A@B.example', password: 'long-enough-pw', ip: '1.2.3.4' });
    expect(w.counters.counts.has('login:failures:email:a@b.example')).toBe(false);
    expect(w.counters.counts.get('login:failures:ip:1.2.3.4')).toBe(1);
  });

  it('refuses without checking the password once the email reached 10 failures', async () => {
    w.counters.counts.set('login:failures:email:a@b.example', 10);
    await expect(
      w.login.execute({ email: 'a@b.example', password: 'long-enough-pw', ip: '1.2.3.4' }),
    ).rejects.toBeInstanceOf(LoginThrottled);
    expect(w.hasher.verifyCalls).toEqual([]);
  });

  it('allows an IP more room than one account (a NAT is many people)', async () => {
    w.counters.counts.set('login:failures:ip:1.2.3.4', 99);
    await w.login.execute({ email: 'a@b.example', password: 'long-enough-pw', ip: '1.2.3.4' });
    w.counters.counts.set('login:failures:ip:1.2.3.4', 100);
    await expect(
      w.login.execute({ email: 'a@b.example', password: 'long-enough-pw', ip: '1.2.3.4' }),
    ).rejects.toBeInstanceOf(LoginThrottled);
  });
});

describe('ChangeUserRole', () => {
  it('changes a role, announces it, and refuses your own or an unknown user', async () => {
    const w = world();
    const feed = new RecordingChangeFeed();
    const change = new ChangeUserRole(w.uow, feed, w.clock, new AuditRecorder(sequentialIds, w.clock));
    const { user } = await w.register.execute({
      email: 'u@b.example',
      password: 'long-enough-pw',
      displayName: 'U',
    });
    const actor = { id: 'admin-1', email: 'admin@b.example', displayName: 'Admin', role: 'admin' as const };

    expect((await change.execute(actor, user.id, 'admin')).role).toBe('admin');
    expect(feed.published).toEqual([{ kind: 'user', id: user.id }]);
    expect(w.repositories.auditLog.entries).toEqual([
      expect.objectContaining({
        action: 'user.role_changed',
        subject: `user:${user.id}`,
        before: { role: 'user' },
        after: { role: 'admin' },
        actor: { id: 'admin-1', email: 'admin@b.example' },
      }),
    ]);
    await expect(change.execute({ ...actor, id: user.id }, user.id, 'user')).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(change.execute(actor, 'missing', 'user')).rejects.toBeInstanceOf(NotFound);
  });
});

describe('BootstrapAdmin', () => {
  it('creates the first admin once and never overwrites it', async () => {
    const w = world();
    const bootstrap = new BootstrapAdmin(w.repositories.users, w.hasher, sequentialIds, w.clock);
    expect(await bootstrap.execute({ email: 'Admin@X.example', password: 'first-password' })).toBe('created');
    expect(await bootstrap.execute({ email: 'admin@x.example', password: 'second-password' })).toBe('exists');
    const admin = await w.repositories.users.findByEmail('admin@x.example');
    expect(admin).toMatchObject({ role: 'admin', passwordHash: 'hashed:first-password' });
  });
});
