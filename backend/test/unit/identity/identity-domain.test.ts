import { describe, expect, it } from 'vitest';
import { normalizeEmail, emailErrors } from '../../../src/domain/identity/email.js';
import { passwordErrors } from '../../../src/domain/identity/password-policy.js';
import { judgeRefreshToken, type RefreshToken } from '../../../src/domain/identity/refresh-token.js';
import { createUser } from '../../../src/domain/identity/user.entity.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';

describe('email', () => {
  it('normalises to trimmed lower case', () =>
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com'));
  it.each(['ada', 'ada@', '@example.com', 'a b@example.com', 'ada@example'])('rejects %s', (email) => {
    expect(emailErrors(email)).toHaveLength(1);
  });
  it('accepts a plus address', () => expect(emailErrors('ada+parley@example.co.uk')).toEqual([]));
});

describe('password policy', () => {
  it('wants at least 10 characters, counted as characters not bytes', () => {
    expect(passwordErrors('123456789', 'a@b.example')[0]?.message).toContain('at least 10');
    expect(passwordErrors('ééééééééé', 'a@b.example')).toHaveLength(1);
    expect(passwordErrors('éééééééééé', 'a@b.example')).toEqual([]);
  });
  it('refuses the email or its local part as the password', () => {
    expect(passwordErrors('Ada.Lovelace@example.com', 'ada.lovelace@example.com')).toHaveLength(1);
    expect(passwordErrors('ada.lovelace', 'ada.lovelace@example.com')).toHaveLength(1);
  });
  it('caps the length so one request cannot make the hasher work forever', () => {
    expect(passwordErrors('x'.repeat(257), 'a@b.example')[0]?.message).toContain('at most 256');
  });
});

describe('refresh token verdicts', () => {
  const base: RefreshToken = {
    id: 't',
    userId: 'u',
    familyId: 'f',
    tokenHash: 'h',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2026-02-01T00:00:00Z'),
    rotatedAt: null,
    revokedAt: null,
  };
  const at = (iso: string) => new Date(iso);

  it('is valid until rotated, then grace for exactly 10 s, then reuse', () => {
    expect(judgeRefreshToken(base, at('2026-01-10T00:00:00Z'))).toBe('valid');
    const rotated = { ...base, rotatedAt: at('2026-01-10T00:00:00Z') };
    expect(judgeRefreshToken(rotated, at('2026-01-10T00:00:10.000Z'))).toBe('grace');
    expect(judgeRefreshToken(rotated, at('2026-01-10T00:00:10.001Z'))).toBe('reuse');
  });
  it('is expired at its expiry instant, and revoked wins over everything', () => {
    expect(judgeRefreshToken(base, base.expiresAt)).toBe('expired');
    expect(
      judgeRefreshToken({ ...base, revokedAt: at('2026-01-02T00:00:00Z') }, at('2026-01-03T00:00:00Z')),
    ).toBe('revoked');
  });
});

describe('createUser', () => {
  it('normalises and trims', () => {
    const user = createUser({
      id: '1',
      email: ' Ada@X.example ',
      displayName: '  Ada ',
      role: 'user',
      passwordHash: 'h',
      now: new Date(0),
    });
    expect(user).toMatchObject({ email: 'ada@x.example', displayName: 'Ada', externalIdentity: null });
  });
  it('reports every broken field at once', () => {
    try {
      createUser({
        id: '1',
        email: 'nope',
        displayName: ' ',
        role: 'user',
        passwordHash: null,
        now: new Date(0),
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).errors.map((e) => e.path)).toEqual(['email', 'displayName']);
    }
  });
});

describe('field limits', () => {
  it('refuses an email address longer than 254 characters', () => {
    expect(emailErrors(`${'a'.repeat(243)}@example.com`)).toEqual([
      { path: 'email', message: 'must be at most 254 characters' },
    ]);
  });

  it('refuses a display name longer than 100 characters after trimming', () => {
    const create = (displayName: string) =>
      createUser({
        id: 'u1',
        email: 'ada@example.com',
        displayName,
        role: 'user',
        passwordHash: null,
        now: new Date(0),
      });
    expect(() => create('x'.repeat(101))).toThrow(ValidationFailed);
    expect(create(` ${'x'.repeat(100)} `).displayName).toBe('x'.repeat(100));
  });
});
