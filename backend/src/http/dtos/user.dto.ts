import type { User } from '../../domain/identity/user.entity.js';

export type RoleDto = 'user' | 'admin';

export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  role: RoleDto;
  /** @format date-time */
  createdAt: string;
}

/**
 * Why chat is off for you: `paused` when an administrator switched it off, or took it away
 * after you had started chatting (your chats stay readable); `not_yet` when the rollout has not
 * reached you.
 */
export type FeatureReasonDto = 'paused' | 'not_yet';

/** Product features evaluated for a user now (staged rollout). */
export interface FeaturesDto {
  chat: boolean;
  /** Why chat is off; null while it is on. */
  featureReason: FeatureReasonDto | null;
}

export interface MeResponse extends UserDto {
  features: FeaturesDto;
  /** The same as `features.featureReason`, at the top level as API.md words it. */
  featureReason: FeatureReasonDto | null;
}

export interface UserPage {
  items: UserDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const toUserDto = (user: User): UserDto => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  createdAt: user.createdAt.toISOString(),
});
