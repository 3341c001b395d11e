import type { Clock } from '../ports/clock.port.js';
import type { RefreshTokenRepository } from '../../domain/identity/refresh-token.js';
import type { OpaqueTokenService } from './ports/opaque-token.port.js';

/** Revokes the presented refresh token's family: this device is signed out for good. Idempotent. */
export class Logout {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly opaqueTokens: OpaqueTokenService,
    private readonly clock: Clock,
  ) {}

  async execute(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const stored = await this.refreshTokens.findByHash(this.opaqueTokens.hash(refreshToken));
    if (stored) await this.refreshTokens.revokeFamily(stored.familyId, this.clock.now());
  }
}
