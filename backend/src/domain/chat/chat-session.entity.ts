import { ValidationFailed } from '../shared/domain-error.js';

export const DEFAULT_TITLE = 'New chat';
export const TITLE_MAX_LENGTH = 200;
const AUTO_TITLE_LENGTH = 60;

/** Where the title came from: the default, the first message, or the user (who always wins). */
export type TitleSource = 'default' | 'auto' | 'user';

export interface ChatSession {
  readonly id: string;
  readonly userId: string;
  readonly title: string;
  readonly titleSource: TitleSource;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Creation and every new message move it; a rename does not. Lists sort by it. */
  readonly lastActivityAt: Date;
  readonly messageCount: number;
  /** Soft delete: restorable until purged after CHAT_RETENTION_DAYS. */
  readonly deletedAt: Date | null;
}

/** Titles are trimmed, 1..200 characters; anything else is a 422 on `title`. */
export function normalizeTitle(raw: string): string {
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title.length === 0) throw new ValidationFailed([{ path: 'title', message: 'must not be empty' }]);
  if ([...title].length > TITLE_MAX_LENGTH) {
    throw new ValidationFailed([
      { path: 'title', message: `must be at most ${TITLE_MAX_LENGTH} characters` },
    ]);
  }
  return title;
}

/**
 * The automatic title from a first message: its first non-empty line, cut at a word boundary
 * to about 60 characters (with an ellipsis when cut). Markdown markers at the start of the
 * line (#, >, -, *, backticks) are dropped: they are formatting, not words.
 */
export function autoTitle(firstMessage: string): string {
  const line = firstMessage
    .split('\n')
    .map((l) => l.replace(/^[\s#>*\-`]+/, '').trim())
    .find((l) => l.length > 0);
  if (!line) return DEFAULT_TITLE;
  // Inline code markers are formatting too: `npm` install → npm install.
  const chars = [...line.replace(/`/g, '').replace(/\s+/g, ' ').trim()];
  if (chars.length <= AUTO_TITLE_LENGTH) return chars.join('');
  const cut = chars.slice(0, AUTO_TITLE_LENGTH).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace >= AUTO_TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut;
  return `${base.replace(/[\s.,;:!?-]+$/, '')}…`;
}

/** Whether a session is past the point of no return (purgeable). */
export function isPurgeable(
  session: Pick<ChatSession, 'deletedAt'>,
  now: Date,
  retentionDays: number,
): boolean {
  return (
    session.deletedAt !== null && now.getTime() - session.deletedAt.getTime() >= retentionDays * 86_400_000
  );
}
