import type { User } from '../../domain/identity/user.entity.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import { decodePosition, encodeCursor, toPage, type Page } from '../shared/cursor.js';

export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  async execute(query: { search?: string; limit: number; cursor?: string }): Promise<Page<User>> {
    const after = query.cursor ? decodePosition(query.cursor, 'createdAt') : undefined;
    const rows = await this.users.page({
      search: query.search?.trim() || undefined,
      limit: query.limit + 1,
      after: after && { createdAt: after.at, id: after.id },
    });
    return toPage(rows, query.limit, (last) =>
      encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }),
    );
  }
}
