/*
 * The replies this tab follows, one state per session (exchange.ts), for useSyncExternalStore.
 * It only holds state: the hook that runs the requests (use-replies.ts) writes it. Every change
 * replaces that session's state object, so only that session's subscribers re-render.
 */
import { NO_REPLIES, type SessionReplies } from './exchange';

export class ReplyStore {
  #sessions = new Map<string, SessionReplies>();
  #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  get = (sessionId: string): SessionReplies => this.#sessions.get(sessionId) ?? NO_REPLIES;

  update(sessionId: string, change: (state: SessionReplies) => SessionReplies): void {
    const state = this.get(sessionId);
    const next = change(state);
    if (next === state) return;
    this.#sessions.set(sessionId, next);
    for (const listener of this.#listeners) listener();
  }

  /** Some reply is reconnecting after its connection dropped (the connection status says so). */
  isReconnecting = (): boolean => {
    for (const { exchange } of this.#sessions.values()) {
      if (exchange?.phase === 'reconnecting') return true;
    }
    return false;
  };
}
