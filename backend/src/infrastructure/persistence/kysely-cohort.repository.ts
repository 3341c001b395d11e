import type { Kysely } from 'kysely';
import { CohortNameTaken, type Cohort } from '../../domain/rollout/cohort.entity.js';
import type { CohortMember, CohortRepository } from '../../domain/rollout/rollout.repositories.js';
import type { Database } from './database.js';
import { uniqueViolation } from './postgres-errors.js';
import { isUuid } from './uuid.js';

export class KyselyCohortRepository implements CohortRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('cohorts')
      .select([
        'cohorts.id',
        'cohorts.name',
        'cohorts.description',
        'cohorts.created_at',
        'cohorts.updated_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('cohort_members')
          .whereRef('cohort_members.cohort_id', '=', 'cohorts.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('member_count'),
      );
  }

  private toCohort(row: {
    id: string;
    name: string;
    description: string;
    created_at: Date;
    updated_at: Date;
    member_count: number | string | null;
  }): Cohort {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      memberCount: Number(row.member_count ?? 0),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    };
  }

  async list(): Promise<Cohort[]> {
    return (await this.base().orderBy('cohorts.name').execute()).map((r) => this.toCohort(r));
  }

  async get(id: string): Promise<Cohort | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.base().where('cohorts.id', '=', id).executeTakeFirst();
    return row && this.toCohort(row);
  }

  async create(cohort: Cohort): Promise<void> {
    try {
      await this.db
        .insertInto('cohorts')
        .values({
          id: cohort.id,
          name: cohort.name,
          description: cohort.description,
          created_at: cohort.createdAt,
          updated_at: cohort.updatedAt,
        })
        .execute();
    } catch (error) {
      if (uniqueViolation(error) === 'cohorts_name_lower_key') throw new CohortNameTaken();
      throw error;
    }
  }

  async update(
    id: string,
    fields: { name?: string; description?: string },
    now: Date,
  ): Promise<Cohort | undefined> {
    if (!isUuid(id)) return undefined;
    try {
      await this.db
        .updateTable('cohorts')
        .set({
          ...(fields.name !== undefined && { name: fields.name }),
          ...(fields.description !== undefined && { description: fields.description }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (uniqueViolation(error) === 'cohorts_name_lower_key') throw new CohortNameTaken();
      throw error;
    }
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db.deleteFrom('cohorts').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async addMembers(cohortId: string, userIds: readonly string[], now: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .insertInto('cohort_members')
      .values(userIds.map((userId) => ({ cohort_id: cohortId, user_id: userId, added_at: now })))
      .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
      .returning('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async removeMember(cohortId: string, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const result = await this.db
      .deleteFrom('cohort_members')
      .where('cohort_id', '=', cohortId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async members(
    cohortId: string,
    page: { limit: number; after?: { addedAt: Date; userId: string } },
  ): Promise<CohortMember[]> {
    let q = this.db
      .selectFrom('cohort_members')
      .innerJoin('users', 'users.id', 'cohort_members.user_id')
      .select(['cohort_members.user_id', 'cohort_members.added_at', 'users.email', 'users.display_name'])
      .where('cohort_members.cohort_id', '=', cohortId);
    if (page.after) {
      const { addedAt, userId } = page.after;
      q = q.where((eb) =>
        eb.or([
          eb('cohort_members.added_at', '<', addedAt),
          eb.and([eb('cohort_members.added_at', '=', addedAt), eb('cohort_members.user_id', '<', userId)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('cohort_members.added_at', 'desc')
      .orderBy('cohort_members.user_id', 'desc')
      .limit(page.limit)
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      email: r.email,
      displayName: r.display_name,
      addedAt: new Date(r.added_at),
    }));
  }

  async cohortIdsOf(userId: string): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.db
      .selectFrom('cohort_members')
      .select('cohort_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.cohort_id);
  }

  async existing(ids: readonly string[]): Promise<string[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return (await this.db.selectFrom('cohorts').select('id').where('id', 'in', valid).execute()).map(
      (r) => r.id,
    );
  }
}
