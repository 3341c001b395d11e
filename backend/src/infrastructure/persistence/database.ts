import type { ColumnType } from 'kysely';

/** Every table Parley owns, as Kysely sees it. One interface; repositories map rows to entities. */
export interface Database {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  feature_flags: FeatureFlagsTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  admin_audit_log: AdminAuditLogTable;
  chat_sessions: ChatSessionsTable;
  chat_messages: ChatMessagesTable;
  idempotency_keys: IdempotencyKeysTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Has a database default: may be left out of an insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: 'user' | 'admin';
  /** Null for users who only sign in through an external identity provider. */
  password_hash: string | null;
  external_issuer: string | null;
  external_subject: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
  rotated_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AudienceJson {
  roles: string[];
  cohortIds: string[];
  userIds: string[];
  percentage: number;
}

export interface FeatureFlagsTable {
  key: string;
  description: string;
  enabled: boolean;
  /** jsonb: written as a JSON string, read back parsed. */
  audience: ColumnType<AudienceJson, string, string>;
  updated_at: DefaultedTimestamp;
  updated_by: string | null;
}

export interface CohortsTable {
  id: string;
  name: string;
  description: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CohortMembersTable {
  cohort_id: string;
  user_id: string;
  added_at: DefaultedTimestamp;
}

export interface AdminAuditLogTable {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_email: string;
  action: string;
  subject: string;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
}

export interface ChatSessionsTable {
  id: string;
  user_id: string;
  title: string;
  title_source: 'default' | 'auto' | 'user';
  created_at: Timestamp;
  updated_at: Timestamp;
  last_activity_at: Timestamp;
  message_count: ColumnType<number, number | undefined, number>;
  deleted_at: NullableTimestamp;
  /** Generated: never written. */
  title_tsv: ColumnType<string, never, never>;
}

export interface ChatMessagesTable {
  id: string;
  session_id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'complete' | 'streaming' | 'cancelled' | 'interrupted' | 'error';
  token_count: number;
  token_count_estimated: boolean;
  model: string | null;
  finish_reason: string | null;
  error_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The session's owner (for the running-reply cap); null on messages stored before it existed. */
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A streaming reply's slot among its user's running replies (1..CHAT_MAX_RUNNING_REPLIES). */
  reply_slot: ColumnType<number | null, number | null | undefined, number | null>;
  /** The id of the last reply-log event the saved content includes. */
  last_event_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Generated: never written. */
  content_tsv: ColumnType<string, never, never>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  session_id: string;
  user_message_id: string;
  assistant_message_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}
