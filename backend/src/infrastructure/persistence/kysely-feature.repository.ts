import { sql, type Kysely, type Selectable } from 'kysely';
import type { Role } from '../../domain/identity/role.js';
import type { Feature } from '../../domain/rollout/feature.entity.js';
import type { FeatureRepository } from '../../domain/rollout/rollout.repositories.js';
import type { Database, FeatureFlagsTable } from './database.js';

const toFeature = (row: Selectable<FeatureFlagsTable>): Feature => ({
  key: row.key,
  description: row.description,
  enabled: row.enabled,
  audience: {
    roles: row.audience.roles as Role[],
    cohortIds: row.audience.cohortIds,
    userIds: row.audience.userIds,
    percentage: Number(row.audience.percentage),
  },
  updatedAt: new Date(row.updated_at),
  updatedBy: row.updated_by,
});

export class KyselyFeatureRepository implements FeatureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Feature[]> {
    return (await this.db.selectFrom('feature_flags').selectAll().orderBy('key').execute()).map(toFeature);
  }

  async get(key: string): Promise<Feature | undefined> {
    const row = await this.db
      .selectFrom('feature_flags')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row && toFeature(row);
  }

  async save(feature: Feature): Promise<void> {
    await this.db
      .updateTable('feature_flags')
      .set({
        description: feature.description,
        enabled: feature.enabled,
        audience: JSON.stringify(feature.audience),
        updated_at: feature.updatedAt,
        updated_by: feature.updatedBy,
      })
      .where('key', '=', feature.key)
      .execute();
  }

  async listReferencingCohort(cohortId: string): Promise<Feature[]> {
    const rows = await this.db
      .selectFrom('feature_flags')
      .selectAll()
      .where(sql<boolean>`audience -> 'cohortIds' ? ${cohortId}`)
      .execute();
    return rows.map(toFeature);
  }
}
