/* Short names for the admin schemas (aliases only: every shape comes from schema.d.ts). */
import type { Schemas } from '@/lib/api/types';

export type Feature = Schemas['FeatureDto'];
export type FeatureRules = Schemas['PutFeatureRequest'];
export type Audience = Schemas['AudienceDto'];
export type Evaluation = Schemas['EvaluationDto'];
export type EvaluationReason = Schemas['EvaluationReasonDto'];
export type Cohort = Schemas['CohortDto'];
export type CohortMember = Schemas['CohortMemberDto'];
export type CohortMemberPage = Schemas['CohortMemberPage'];
export type AddedMembers = Schemas['AddedMembersDto'];
export type AuditEntry = Schemas['AuditEntryDto'];
export type AuditPage = Schemas['AuditPage'];
export type AdminUser = Schemas['UserDto'];
export type UserPage = Schemas['UserPage'];
export type Role = Schemas['RoleDto'];

/** The only flag the product has today; the API is keyed so more can follow. */
export const CHAT_FEATURE = 'chat';
