/**
 * A refresh token is single-use: refreshing spends it and issues its successor in the same
 * family. Presenting a spent one means it was copied, so the whole family is revoked, except
 * within a short grace after its rotation, when two tabs refreshing at once is the likelier story.
 */
export interface RefreshToken {
  readonly id: string;
  readonly userId: string;
  readonly familyId: string;
  /** SHA-256 of the token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly rotatedAt: Date | null;
  readonly revokedAt: Date | null;
}

export const REFRESH_REUSE_GRACE_MS = 10_000;

export type RefreshVerdict = 'valid' | 'grace' | 'reuse' | 'expired' | 'revoked';

export function judgeRefreshToken(token: RefreshToken, now: Date): RefreshVerdict {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (!token.rotatedAt) return 'valid';
  return now.getTime() - token.rotatedAt.getTime() <= REFRESH_REUSE_GRACE_MS ? 'grace' : 'reuse';
}

export interface RefreshTokenRepository {
  create(token: RefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshToken | undefined>;
  /** Marks it spent only if nobody else did first; false when it was already rotated or revoked. */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revoke(id: string, at: Date): Promise<void>;
}
