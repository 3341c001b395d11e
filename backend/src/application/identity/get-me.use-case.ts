import { Unauthenticated } from '../../domain/identity/identity-errors.js';
import type { User } from '../../domain/identity/user.entity.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type { AuthenticatedUser } from './authenticated-user.js';

/** Chat for a user: on or off and, when off, why (`paused`: switched off or taken away; `not_yet`). */
export interface ChatFeature {
  readonly chat: boolean;
  readonly featureReason: 'paused' | 'not_yet' | null;
}

/** Which product features are on for a user (the rollout decides; see application/rollout). */
export interface FeatureAccess {
  chatFor(user: AuthenticatedUser): Promise<ChatFeature>;
}

export interface Me {
  user: User;
  features: ChatFeature;
}

export class GetMe {
  constructor(
    private readonly users: UserRepository,
    private readonly features: FeatureAccess,
  ) {}

  async execute(caller: AuthenticatedUser): Promise<Me> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new Unauthenticated('The account of this token no longer exists.');
    return { user, features: await this.features.chatFor(caller) };
  }
}
