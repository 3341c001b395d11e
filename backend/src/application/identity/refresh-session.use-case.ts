import { Unauthenticated } from '../../domain/identity/identity-errors.js';
import { judgeRefreshToken } from '../../domain/identity/refresh-token.js';
import type { Logger } from '../ports/logger.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { OpaqueTokenService } from './ports/opaque-token.port.js';
import type { IssuedSession, SessionIssuer } from './session-issuer.js';

/**
 * Rotation: the presented token is spent and a successor issued in its family. A spent token
 * shown again after the grace window is treated as stolen: the whole family is revoked, which
 * signs out both the thief and the victim (who then signs in again).
 */
export class RefreshSession {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly opaqueTokens: OpaqueTokenService,
    private readonly sessions: SessionIssuer,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async execute(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new Unauthenticated('No refresh token. Sign in again.');
    const tokenHash = this.opaqueTokens.hash(refreshToken);
    const now = this.clock.now();

    const outcome = await this.uow.run(async (repositories) => {
      const stored = await repositories.refreshTokens.findByHash(tokenHash);
      if (!stored) return undefined;
      let verdict = judgeRefreshToken(stored, now);
      // Another request may spend it between our read and our write: then judge it as spent.
      if (verdict === 'valid' && !(await repositories.refreshTokens.markRotated(stored.id, now)))
        verdict = 'grace';
      if (verdict === 'reuse') {
        await repositories.refreshTokens.revokeFamily(stored.familyId, now);
        return { verdict, stored } as const;
      }
      if (verdict !== 'valid' && verdict !== 'grace') return { verdict, stored } as const;
      const user = await repositories.users.findById(stored.userId);
      if (!user) return undefined;
      return {
        verdict,
        stored,
        session: await this.sessions.issue(repositories, user, stored.familyId),
      } as const;
    });

    if (outcome?.verdict === 'reuse') {
      this.logger.warn(
        { userId: outcome.stored.userId, familyId: outcome.stored.familyId },
        'refresh token reused: family revoked',
      );
    }
    if (!outcome || !('session' in outcome) || !outcome.session) {
      throw new Unauthenticated('The refresh token is invalid, expired or revoked. Sign in again.');
    }
    return outcome.session;
  }
}
