import type { UserDto } from './user.dto.js';

export interface RegisterRequest {
  /**
   * @maxLength 254
   * @example "ada@example.com"
   */
  email: string;
  /**
   * At least 10 characters, and not your email.
   * @maxLength 256
   * @example "correct horse battery staple"
   */
  password: string;
  /**
   * @maxLength 100
   * @example "Ada Lovelace"
   */
  displayName: string;
}

export interface LoginRequest {
  /**
   * @maxLength 254
   * @example "ada@example.com"
   */
  email: string;
  /**
   * @maxLength 256
   * @example "correct horse battery staple"
   */
  password: string;
}

/** A signed-in session. The refresh token travels only in the httpOnly cookie, never here. */
export interface TokenResponse {
  /** Short-lived JWT for `Authorization: Bearer`. */
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserDto;
}
