import type { ApiError } from '@/lib/api/api-error';

/**
 * The emails in what an admin pasted: separated by commas, semicolons, spaces or new lines,
 * trimmed, de-duplicated case-insensitively (the first spelling wins), empty parts dropped.
 */
export function parseEmailList(text: string): string[] {
  const seen = new Set<string>();
  const emails: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const email = part.trim();
    if (!email || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    emails.push(email);
  }
  return emails;
}

export interface UnknownEmails {
  /** Submitted emails the server has no account for, as the admin typed them. */
  unknown: string[];
  /** Entries of errors[] that name no submitted email: shown as they are, never dropped. */
  other: string[];
}

/**
 * Which submitted emails a 422 from POST /admin/cohorts/{id}/members names. The server sends
 * one `{path: "emails", message: "no user with email <normalised email>"}` per unknown email
 * (no index), so each submitted email is matched against the messages, case-insensitively.
 */
export function unknownEmailsFrom(error: ApiError, submitted: readonly string[]): UnknownEmails {
  const unknown = new Set<string>();
  const other: string[] = [];
  for (const entry of error.errors) {
    const message = entry.message.toLowerCase();
    const named = submitted.filter((email) => {
      const normalised = email.trim().toLowerCase();
      return message === `no user with email ${normalised}` || message.endsWith(` ${normalised}`);
    });
    if (entry.path === 'emails' && named.length > 0) named.forEach((email) => unknown.add(email));
    else other.push(entry.path ? `${entry.path}: ${entry.message}` : entry.message);
  }
  return { unknown: submitted.filter((email) => unknown.has(email)), other };
}
