import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import type { ChatMessage, FinalStatus } from '../../domain/chat/message.js';

/**
 * What changed for one user, for that user's live feed (`GET /events`, API.md "Live updates"):
 * every tab and device of the user hears it, on every instance (Redis pub/sub when configured).
 * Unlike the ChangeFeed (ids for cache invalidation, for every instance), these carry the data a
 * client shows, and go only to their user. No ids and no replay: a client that (re)connects
 * refetches what it shows.
 */
export type UserEvent =
  | { readonly type: 'session.created'; readonly session: ChatSession }
  | { readonly type: 'session.updated'; readonly session: ChatSession }
  | { readonly type: 'session.deleted'; readonly sessionId: string }
  | { readonly type: 'session.restored'; readonly session: ChatSession }
  | {
      readonly type: 'session.message_added';
      readonly sessionId: string;
      readonly message: ChatMessage;
      /** The assistant reply that started with this message, when one did. */
      readonly replyId: string | null;
    }
  | {
      readonly type: 'reply.ended';
      readonly sessionId: string;
      readonly messageId: string;
      readonly status: FinalStatus;
    }
  | {
      readonly type: 'features.changed';
      readonly chat: boolean;
      readonly featureReason: 'paused' | 'not_yet' | null;
    }
  | { readonly type: 'quota.changed' };

export interface UserEvents {
  /** Best effort: a feed that cannot be reached loses the event, never the caller's action. */
  publish(userId: string, event: UserEvent): Promise<void>;
  /** Every event for `userId` from now on, from any instance; returns the unsubscribe. */
  subscribe(userId: string, listener: (event: UserEvent) => void): () => void;
}
