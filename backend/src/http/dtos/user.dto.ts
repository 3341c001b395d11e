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

export interface MeResponse extends UserDto {
  /** Product features evaluated for this user now (staged rollout). */
  features: { chat: boolean };
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
