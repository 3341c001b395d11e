/*
 * Unsent text, per session, in localStorage: it survives a reload, a crash and switching
 * chats. Storage can be full or switched off (private windows): then drafts last as long as
 * the page, which is all the input needs.
 */
const PREFIX = 'parley.chat.draft:';

/** The draft of the "/" page, before its session exists. */
export const NEW_CHAT_DRAFT = 'new';

export function readDraft(key: string): string {
  try {
    return localStorage.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(key: string, text: string): void {
  try {
    if (text.trim() === '') localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, text);
  } catch {
    // Not persisted; the input still holds it.
  }
}
