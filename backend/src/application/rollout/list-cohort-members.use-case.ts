import type { CohortMember } from '../../domain/rollout/rollout.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import { decodeCursor, encodeCursor, type Page } from '../shared/cursor.js';
import { type CohortDeps } from './cohort-deps.js';

export class ListCohortMembers {
  constructor(private readonly d: Pick<CohortDeps, 'repositories'>) {}
  async execute(id: string, page: { limit: number; cursor?: string }): Promise<Page<CohortMember>> {
    if (!(await this.d.repositories.cohorts.get(id))) throw new NotFound('cohort');
    const after = page.cursor ? decodeCursor(page.cursor, ['addedAt', 'userId']) : undefined;
    const rows = await this.d.repositories.cohorts.members(id, {
      limit: page.limit + 1,
      after: after && { addedAt: new Date(after.addedAt), userId: after.userId },
    });
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > page.limit && last
          ? encodeCursor({ addedAt: last.addedAt.toISOString(), userId: last.userId })
          : null,
    };
  }
}
