import type { ColumnType, Generated } from 'kysely';

/** Every table Parley owns, as Kysely sees it. One interface; repositories map rows to entities. */
export interface Database {
  users: UsersTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: 'user' | 'admin';
  /** Null for users who only sign in through an external identity provider. */
  password_hash: string | null;
  external_issuer: string | null;
  external_subject: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}
