/*
 * Unsent text, per session, in localStorage: it survives a reload, a crash and switching
 * chats. Storage can be full or switched off (private windows): then drafts last as long as
 * the input does, which is all it needs.
 */
const PREFIX = 'parley.chat.draft:';

/** The draft of the "/" page, before its session exists. */
export const NEW_CHAT_DRAFT = 'new';

const restoreListeners = new Set<(key: string) => void>();

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

/**
 * A send that stored nothing gives its text back, unless something new was typed meanwhile;
 * an open input for that session shows it at once (useDraft listens).
 */
export function restoreDraft(key: string, text: string): void {
  if (readDraft(key).trim() !== '') return;
  writeDraft(key, text);
  for (const listener of restoreListeners) listener(key);
}

export function onDraftRestored(listener: (key: string) => void): () => void {
  restoreListeners.add(listener);
  return () => restoreListeners.delete(listener);
}
