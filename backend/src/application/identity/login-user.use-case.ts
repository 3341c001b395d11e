import { InvalidCredentials } from '../../domain/identity/identity-errors.js';
import { normalizeEmail } from '../../domain/identity/email.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordHasher } from './ports/password-hasher.port.js';
import type { IssuedSession, SessionIssuer } from './session-issuer.js';

export interface LoginInput {
  email: string;
  password: string;
  /** The client address as the HTTP layer determined it (TRUST_PROXY aware). */
  ip: string;
}

export class LoginUser {
  constructor(
    private readonly users: UserRepository,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(input: LoginInput): Promise<IssuedSession> {
    const email = normalizeEmail(input.email);
    await this.throttle.assertAllowed(email, input.ip);

    const user = await this.users.findByEmail(email);
    // Always hash: an unknown email costs the same time as a wrong password.
    const valid = await this.hasher.verify(user?.passwordHash ?? null, input.password);
    if (!user || !valid) {
      await this.throttle.recordFailure(email, input.ip);
      throw new InvalidCredentials();
    }
    await this.throttle.recordSuccess(email);
    return this.uow.run((repositories) => this.sessions.issue(repositories, user));
  }
}
