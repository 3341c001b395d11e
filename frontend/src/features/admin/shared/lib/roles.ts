import type { Role } from '../types';

export const ROLES: readonly Role[] = ['user', 'admin'];

export const ROLE_LABELS: Record<Role, string> = { user: 'User', admin: 'Admin' };
