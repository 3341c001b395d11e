import { SignupDisabled } from '../../domain/identity/identity-errors.js';
import { emailErrors, normalizeEmail } from '../../domain/identity/email.js';
import { passwordErrors } from '../../domain/identity/password-policy.js';
import { createUser, displayNameErrors } from '../../domain/identity/user.entity.js';
import { ValidationFailed } from '../../domain/shared/domain-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { PasswordHasher } from './ports/password-hasher.port.js';
import type { IssuedSession, SessionIssuer } from './session-issuer.js';

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
}

export class RegisterUser {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly signupEnabled: boolean,
  ) {}

  async execute(input: RegisterInput): Promise<IssuedSession> {
    if (!this.signupEnabled) throw new SignupDisabled();
    const email = normalizeEmail(input.email);
    const errors = [
      ...emailErrors(email),
      ...passwordErrors(input.password, email),
      ...displayNameErrors(input.displayName),
    ];
    if (errors.length > 0) throw new ValidationFailed(errors);

    const passwordHash = await this.hasher.hash(input.password);
    const user = createUser({
      id: this.ids.next(),
      email,
      displayName: input.displayName,
      role: 'user',
      passwordHash,
      now: this.clock.now(),
    });
    // The unique index decides races between two sign-ups with one email (EmailTaken).
    return this.uow.run(async (repositories) => {
      await repositories.users.create(user);
      return this.sessions.issue(repositories, user);
    });
  }
}
