import { Unauthenticated } from '../../domain/identity/identity-errors.js';
import type { User } from '../../domain/identity/user.entity.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type { AuthenticatedUser } from './authenticated-user.js';

/** Which product features are on for a user (the rollout decides; see application/rollout). */
export interface FeatureAccess {
  chatEnabledFor(user: AuthenticatedUser): Promise<boolean>;
}

export interface Me {
  user: User;
  features: { chat: boolean };
}

export class GetMe {
  constructor(
    private readonly users: UserRepository,
    private readonly features: FeatureAccess,
  ) {}

  async execute(caller: AuthenticatedUser): Promise<Me> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new Unauthenticated('The account of this token no longer exists.');
    return { user, features: { chat: await this.features.chatEnabledFor(caller) } };
  }
}
