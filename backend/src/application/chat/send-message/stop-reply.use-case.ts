import { ReplyNotRunning } from '../../../domain/chat/chat-errors.js';
import type { ChatMessageRepository, ChatSessionRepository } from '../../../domain/chat/chat.repositories.js';
import { NotFound } from '../../../domain/shared/domain-error.js';
import { ownedSession } from '../owned-session.js';
import type { ReplyStopper } from './reply-stopper.js';

/**
 * Stop (POST .../messages/{messageId}/stop): the reply ends `cancelled` / `stopped` within about
 * a second, wherever it runs. 404 unless it is an assistant reply in one of the caller's live
 * sessions; 409 once it has ended.
 */
export class StopReply {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly messages: ChatMessageRepository,
    private readonly stopper: ReplyStopper,
  ) {}

  async execute(userId: string, sessionId: string, messageId: string): Promise<void> {
    const session = await ownedSession(this.sessions, userId, sessionId);
    const message = await this.messages.findById(session.id, messageId);
    if (message?.role !== 'assistant') throw new NotFound('reply');
    if (message.status !== 'streaming') throw new ReplyNotRunning();
    await this.stopper.stop({ userId, message }, 'stopped');
  }
}
