import type { AuditEntry } from './audit-entry.js';
import type { Cohort } from './cohort.entity.js';
import type { Feature } from './feature.entity.js';

export interface FeatureRepository {
  list(): Promise<Feature[]>;
  get(key: string): Promise<Feature | undefined>;
  save(feature: Feature): Promise<void>;
  /** Features whose audience names this cohort. */
  listReferencingCohort(cohortId: string): Promise<Feature[]>;
}

export interface CohortMember {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly addedAt: Date;
}

export interface CohortRepository {
  list(): Promise<Cohort[]>;
  get(id: string): Promise<Cohort | undefined>;
  /** Throws CohortNameTaken. */
  create(cohort: Cohort): Promise<void>;
  /** Throws CohortNameTaken. */
  update(id: string, fields: { name?: string; description?: string }, now: Date): Promise<Cohort | undefined>;
  delete(id: string): Promise<boolean>;
  /** Returns the ids that were not members before. */
  addMembers(cohortId: string, userIds: readonly string[], now: Date): Promise<string[]>;
  removeMember(cohortId: string, userId: string): Promise<boolean>;
  /** Keyset on (added_at desc, user_id desc). */
  members(
    cohortId: string,
    page: { limit: number; after?: { addedAt: Date; userId: string } },
  ): Promise<CohortMember[]>;
  cohortIdsOf(userId: string): Promise<string[]>;
  /** Which of these ids exist. */
  existing(ids: readonly string[]): Promise<string[]>;
}

export interface AuditLogRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; keyset on (at desc, id desc). */
  page(query: { subject?: string; limit: number; after?: { at: Date; id: string } }): Promise<AuditEntry[]>;
}
