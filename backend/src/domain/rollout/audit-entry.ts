/** One admin change, as it was: who, what, on what, and the state before and after. */
export interface AuditEntry {
  readonly id: string;
  readonly at: Date;
  readonly actor: { readonly id: string; readonly email: string };
  readonly action: AuditAction;
  /** `feature:<key>`, `cohort:<id>` or `user:<id>`. */
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
}

export type AuditAction =
  | 'feature.updated'
  | 'cohort.created'
  | 'cohort.updated'
  | 'cohort.deleted'
  | 'cohort.members_added'
  | 'cohort.member_removed'
  | 'user.role_changed';
