import { createUser } from '../../domain/identity/user.entity.js';
import { EmailTaken } from '../../domain/identity/identity-errors.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { PasswordHasher } from './ports/password-hasher.port.js';

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD at start-up, once. An existing
 * account with that email is left exactly as it is (its password may have been changed since).
 */
export class BootstrapAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(admin: { email: string; password: string }): Promise<'created' | 'exists'> {
    if (await this.users.findByEmail(admin.email)) return 'exists';
    const user = createUser({
      id: this.ids.next(),
      email: admin.email,
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await this.hasher.hash(admin.password),
      now: this.clock.now(),
    });
    try {
      await this.users.create(user);
      return 'created';
    } catch (error) {
      if (error instanceof EmailTaken) return 'exists'; // another instance won the race
      throw error;
    }
  }
}
