import type { Kysely, Selectable } from 'kysely';
import type { RefreshToken, RefreshTokenRepository } from '../../domain/identity/refresh-token.js';
import type { Database, RefreshTokensTable } from './database.js';

const toRefreshToken = (row: Selectable<RefreshTokensTable>): RefreshToken => ({
  id: row.id,
  userId: row.user_id,
  familyId: row.family_id,
  tokenHash: row.token_hash,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
  rotatedAt: row.rotated_at ? new Date(row.rotated_at) : null,
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
});

export class KyselyRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(token: RefreshToken): Promise<void> {
    await this.db
      .insertInto('refresh_tokens')
      .values({
        id: token.id,
        user_id: token.userId,
        family_id: token.familyId,
        token_hash: token.tokenHash,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        rotated_at: token.rotatedAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | undefined> {
    const row = await this.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && toRefreshToken(row);
  }

  async markRotated(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: at })
      .where('id', '=', id)
      .where('rotated_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
