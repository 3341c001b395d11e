import type { Role } from '../../../domain/identity/role.js';

export type VerifiedAccessToken = (
  | { readonly kind: 'local'; readonly userId: string }
  | {
      /** An RS256 token of the external identity provider (JWT_JWKS_URL). */
      readonly kind: 'external';
      readonly issuer: string;
      readonly subject: string;
      readonly email: string | undefined;
      readonly name: string | undefined;
      readonly admin: boolean;
    }
) & {
  /** The token's `exp`: what it opens (a live feed, say) closes then. */
  readonly expiresAt: Date;
};

export interface AccessTokenService {
  issue(claims: { userId: string; role: Role }): { token: string; expiresInSeconds: number };
  /** Throws Unauthenticated for anything but a valid, unexpired token of an accepted issuer. */
  verify(token: string): Promise<VerifiedAccessToken>;
}
