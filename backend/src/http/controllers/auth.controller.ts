import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import { Body, Controller, Post, Request, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import { LoginUser } from '../../application/identity/login-user.use-case.js';
import { Logout } from '../../application/identity/logout.use-case.js';
import { RefreshSession } from '../../application/identity/refresh-session.use-case.js';
import { RegisterUser } from '../../application/identity/register-user.use-case.js';
import type { IssuedSession } from '../../application/identity/session-issuer.js';
import {
  AUTH_COOKIE_SETTINGS,
  clearRefreshCookie,
  readRefreshCookie,
  setRefreshCookie,
  type AuthCookieSettings,
} from '../auth-cookie.js';
import type { LoginRequest, RegisterRequest, TokenResponse } from '../dtos/auth.dto.js';
import type { Problem } from '../dtos/problem.dto.js';
import { toUserDto } from '../dtos/user.dto.js';

@injectable()
@Route('auth')
@Tags('Auth')
export class AuthController extends Controller {
  constructor(
    @inject(RegisterUser) private readonly registerUser: RegisterUser,
    @inject(LoginUser) private readonly loginUser: LoginUser,
    @inject(RefreshSession) private readonly refreshSession: RefreshSession,
    @inject(Logout) private readonly logoutUser: Logout,
    @inject(AUTH_COOKIE_SETTINGS) private readonly cookies: AuthCookieSettings,
  ) {
    super();
  }

  /**
   * Creates an account (role `user`) and signs it in: the access token in the body, the refresh
   * token in an httpOnly, SameSite=Strict cookie.
   * @summary Sign up
   */
  @Post('register')
  @SuccessResponse(201, 'Created and signed in')
  @Response<Problem>(403, 'Sign-up is switched off (`signup_disabled`)')
  @Response<Problem>(409, 'An account with this email exists (`email_taken`)')
  @Response<Problem>(422, 'Invalid email, weak password or empty name (`validation_failed`)')
  public async register(@Body() body: RegisterRequest, @Request() req: ExRequest): Promise<TokenResponse> {
    const session = await this.registerUser.execute(body);
    this.setStatus(201);
    return this.signedIn(req, session);
  }

  /**
   * Signs in with email and password. Failed attempts are throttled per email and per client
   * address (10 per 15 minutes), answering 429 with Retry-After.
   * @summary Sign in
   */
  @Post('login')
  @Response<Problem>(401, 'Wrong email or password: one answer for both (`invalid_credentials`)')
  @Response<Problem>(422, 'Missing or malformed fields (`validation_failed`)')
  @Response<Problem>(429, 'Too many failed attempts (`rate_limited`), with Retry-After')
  public async login(@Body() body: LoginRequest, @Request() req: ExRequest): Promise<TokenResponse> {
    const session = await this.loginUser.execute({
      ...body,
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
    return this.signedIn(req, session);
  }

  /**
   * Trades the refresh cookie for a new access token. The refresh token rotates (single use);
   * presenting a spent one again revokes its whole family, except within 10 s of its rotation
   * (two tabs refreshing at once).
   * @summary Refresh the access token
   */
  @Post('refresh')
  @Response<Problem>(401, 'No, invalid, expired or revoked refresh token (`unauthenticated`)')
  public async refresh(@Request() req: ExRequest): Promise<TokenResponse> {
    const session = await this.refreshSession.execute(readRefreshCookie(req));
    return this.signedIn(req, session);
  }

  /**
   * Revokes the refresh token (its whole family) and clears the cookie. Always 204.
   * @summary Sign out
   */
  @Post('logout')
  @SuccessResponse(204, 'Signed out')
  public async logout(@Request() req: ExRequest): Promise<void> {
    await this.logoutUser.execute(readRefreshCookie(req));
    clearRefreshCookie(req.res!, this.cookies);
    this.setStatus(204);
  }

  private signedIn(req: ExRequest, session: IssuedSession): TokenResponse {
    setRefreshCookie(req.res!, session.refreshToken, session.refreshExpiresAt, this.cookies);
    this.setHeader('Cache-Control', 'no-store');
    return {
      accessToken: session.accessToken,
      tokenType: 'Bearer',
      expiresIn: session.expiresInSeconds,
      user: toUserDto(session.user),
    };
  }
}
