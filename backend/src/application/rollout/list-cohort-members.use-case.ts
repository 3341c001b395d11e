import type { CohortMember } from '../../domain/rollout/rollout.repositories.js';
import type { CohortRepository } from '../../domain/rollout/rollout.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import { decodePosition, encodeCursor, toPage, type Page } from '../shared/cursor.js';

export class ListCohortMembers {
  constructor(private readonly cohorts: CohortRepository) {}

  async execute(id: string, page: { limit: number; cursor?: string }): Promise<Page<CohortMember>> {
    if (!(await this.cohorts.get(id))) throw new NotFound('cohort');
    const after = page.cursor ? decodePosition(page.cursor, 'addedAt', 'userId') : undefined;
    const rows = await this.cohorts.members(id, {
      limit: page.limit + 1,
      after: after && { addedAt: after.at, userId: after.id },
    });
    return toPage(rows, page.limit, (last) =>
      encodeCursor({ addedAt: last.addedAt.toISOString(), userId: last.userId }),
    );
  }
}
