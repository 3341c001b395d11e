import { DomainError } from '../shared/domain-error.js';

export class EmailTaken extends DomainError {
  readonly code = 'email_taken';
  constructor() {
    super('An account with this email already exists.');
  }
}

/** One answer for an unknown email and a wrong password: no account oracle. */
export class InvalidCredentials extends DomainError {
  readonly code = 'invalid_credentials';
  constructor() {
    super('The email or password is wrong.');
  }
}

export class SignupDisabled extends DomainError {
  readonly code = 'signup_disabled';
  constructor() {
    super('Self sign-up is switched off. Ask an administrator for an account.');
  }
}

export class Unauthenticated extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message = 'A valid access token is required.') {
    super(message);
  }
}

export class Forbidden extends DomainError {
  readonly code = 'forbidden';
  constructor(message = 'You are not allowed to do this.') {
    super(message);
  }
}

export class LoginThrottled extends DomainError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}
