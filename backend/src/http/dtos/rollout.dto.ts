import type { AddedMembers } from '../../application/rollout/add-cohort-members.use-case.js';
import type { FeatureView } from '../../application/rollout/feature-view.js';
import type { AuditEntry } from '../../domain/rollout/audit-entry.js';
import type { Cohort } from '../../domain/rollout/cohort.entity.js';
import type { CohortMember } from '../../domain/rollout/rollout.repositories.js';
import type { RoleDto } from './user.dto.js';

export interface AudienceDto {
  /** Everyone with one of these roles. */
  roles: RoleDto[];
  /** Members of these cohorts. */
  cohortIds: string[];
  /** These users. */
  userIds: string[];
  /**
   * Sticky share of all users, 0..100 (two decimals): a user's bucket never changes, so raising it never drops anyone.
   * @minimum 0
   * @maximum 100
   */
  percentage: number;
}

export interface FeatureDto {
  /** @example "chat" */
  key: string;
  description: string;
  /** The deploy-time master switch (FEATURE_CHAT_ENABLED); read-only. Off means off for everyone. */
  deploymentEnabled: boolean;
  /** Off: nobody has the feature (the kill switch admins use). */
  enabled: boolean;
  audience: AudienceDto;
  /** @format date-time */
  updatedAt: string;
  /** The admin who last changed the rules; null for the initial seed. */
  updatedBy: string | null;
}

export interface PutFeatureRequest {
  enabled: boolean;
  /** @maxLength 500 */
  description?: string;
  audience: AudienceDto;
}

export type EvaluationReasonDto =
  'deployment_disabled' | 'flag_off' | 'role' | 'cohort' | 'user' | 'percentage' | 'not_in_audience';

export interface EvaluationDto {
  enabled: boolean;
  /** Which rule decided, in evaluation order. */
  reason: EvaluationReasonDto;
}

export interface CohortDto {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
}

export interface CreateCohortRequest {
  /**
   * Unique, case-insensitively.
   * @maxLength 100
   * @example "beta-testers"
   */
  name: string;
  /** @maxLength 500 */
  description?: string;
}

export interface UpdateCohortRequest {
  /** @maxLength 100 */
  name?: string;
  /** @maxLength 500 */
  description?: string;
}

export interface CohortMemberDto {
  userId: string;
  email: string;
  displayName: string;
  /** @format date-time */
  addedAt: string;
}

export interface CohortMemberPage {
  items: CohortMemberDto[];
  nextCursor: string | null;
}

export interface AddMembersRequest {
  /** @maxItems 1000 */
  userIds?: string[];
  /** @maxItems 1000 */
  emails?: string[];
}

export interface AddedMembersDto {
  added: string[];
  alreadyMembers: string[];
}

export interface AuditEntryDto {
  id: string;
  /** @format date-time */
  at: string;
  actor: { id: string; email: string };
  /** e.g. feature.updated, cohort.members_added, user.role_changed */
  action: string;
  /** `feature:<key>`, `cohort:<id>` or `user:<id>` */
  subject: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntryDto[];
  nextCursor: string | null;
}

export const toFeatureDto = ({ feature, deploymentEnabled }: FeatureView): FeatureDto => ({
  key: feature.key,
  description: feature.description,
  deploymentEnabled,
  enabled: feature.enabled,
  audience: {
    ...feature.audience,
    roles: [...feature.audience.roles],
    cohortIds: [...feature.audience.cohortIds],
    userIds: [...feature.audience.userIds],
  },
  updatedAt: feature.updatedAt.toISOString(),
  updatedBy: feature.updatedBy,
});

export const toCohortDto = (c: Cohort): CohortDto => ({
  id: c.id,
  name: c.name,
  description: c.description,
  memberCount: c.memberCount,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toCohortMemberDto = (m: CohortMember): CohortMemberDto => ({
  ...m,
  addedAt: m.addedAt.toISOString(),
});

export const toAddedMembersDto = (a: AddedMembers): AddedMembersDto => ({ ...a });

export const toAuditEntryDto = (e: AuditEntry): AuditEntryDto => ({ ...e, at: e.at.toISOString() });
