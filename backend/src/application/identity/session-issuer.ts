import type { User } from '../../domain/identity/user.entity.js';
import type { Repositories } from '../ports/unit-of-work.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { AccessTokenService } from './ports/access-token.port.js';
import type { OpaqueTokenService } from './ports/opaque-token.port.js';

export interface IssuedSession {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
  readonly user: User;
}

/** Access token + a refresh token in a family (a new family at sign-in, the same one on refresh). */
export class SessionIssuer {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly opaqueTokens: OpaqueTokenService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly refreshTtlSeconds: number,
  ) {}

  async issue(
    repositories: Repositories,
    user: User,
    familyId: string = this.ids.next(),
  ): Promise<IssuedSession> {
    const now = this.clock.now();
    const refreshToken = this.opaqueTokens.generate();
    const refreshExpiresAt = new Date(now.getTime() + this.refreshTtlSeconds * 1000);
    await repositories.refreshTokens.create({
      id: this.ids.next(),
      userId: user.id,
      familyId,
      tokenHash: this.opaqueTokens.hash(refreshToken),
      createdAt: now,
      expiresAt: refreshExpiresAt,
      rotatedAt: null,
      revokedAt: null,
    });
    const access = this.accessTokens.issue({ userId: user.id, role: user.role });
    return {
      accessToken: access.token,
      expiresInSeconds: access.expiresInSeconds,
      refreshToken,
      refreshExpiresAt,
      user,
    };
  }
}
