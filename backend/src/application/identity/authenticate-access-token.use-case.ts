import { Unauthenticated } from '../../domain/identity/identity-errors.js';
import { createUser, type User } from '../../domain/identity/user.entity.js';
import { EmailTaken } from '../../domain/identity/identity-errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import { toAuthenticatedUser, type AuthenticatedUser } from './authenticated-user.js';
import type { AccessTokenService, VerifiedAccessToken } from './ports/access-token.port.js';

/**
 * Bearer token → the calling user, with the role the database has now: a token minted before a
 * demotion carries the old role, and must not keep it. `users` is the cached lookup (a few
 * seconds, dropped on every role change).
 */
export class AuthenticateAccessToken {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly users: UserRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(token: string | undefined): Promise<AuthenticatedUser> {
    if (!token) throw new Unauthenticated();
    const verified = await this.accessTokens.verify(token);
    const user =
      verified.kind === 'local' ? await this.users.findById(verified.userId) : await this.external(verified);
    if (!user) throw new Unauthenticated('The account of this token no longer exists.');
    return { ...toAuthenticatedUser(user), tokenExpiresAt: verified.expiresAt };
  }

  /** First sight of an external identity creates a local user; later sights find it. */
  private async external(token: Extract<VerifiedAccessToken, { kind: 'external' }>): Promise<User> {
    const existing = await this.users.findByExternalIdentity(token.issuer, token.subject);
    if (existing) return existing;
    if (!token.email) throw new Unauthenticated('The identity provider token has no email claim.');
    const user = createUser({
      id: this.ids.next(),
      email: token.email,
      displayName: token.name ?? token.email.split('@')[0]!,
      role: token.admin ? 'admin' : 'user',
      passwordHash: null,
      externalIdentity: { issuer: token.issuer, subject: token.subject },
      now: this.clock.now(),
    });
    try {
      await this.users.create(user);
      return user;
    } catch (error) {
      if (!(error instanceof EmailTaken)) throw error;
      // The same identity created concurrently is fine; a password account with that email is
      // not ours to hand over on the word of another issuer.
      const raced = await this.users.findByExternalIdentity(token.issuer, token.subject);
      if (raced) return raced;
      throw new Unauthenticated('An account with this email exists already; sign in with its password.');
    }
  }
}
