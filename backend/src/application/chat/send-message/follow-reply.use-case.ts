import type { ChatMessageRepository, ChatSessionRepository } from '../../../domain/chat/chat.repositories.js';
import { NotFound } from '../../../domain/shared/domain-error.js';
import { ownedSession } from '../owned-session.js';
import type { ReaderEvent, ReplyReaders } from './reply-readers.js';

/**
 * A resumed reader (GET .../messages/{messageId}/stream): the reply's events after `afterId`
 * (a Last-Event-ID, or FROM_THE_START), then the live ones to the final event, from any
 * instance; the final event at once for a reply that has ended; from the stored message once
 * its log has expired. 404 unless it is an assistant reply in one of the caller's live sessions.
 */
export class FollowReply {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly messages: ChatMessageRepository,
    private readonly readers: ReplyReaders,
  ) {}

  async execute(input: {
    readonly userId: string;
    readonly sessionId: string;
    readonly messageId: string;
    readonly afterId: number;
    readonly signal?: AbortSignal;
  }): Promise<AsyncIterable<ReaderEvent>> {
    const session = await ownedSession(this.sessions, input.userId, input.sessionId);
    const message = await this.messages.findById(session.id, input.messageId);
    if (message?.role !== 'assistant') throw new NotFound('reply');
    return this.readers.open(message, input.afterId, input.signal);
  }
}
