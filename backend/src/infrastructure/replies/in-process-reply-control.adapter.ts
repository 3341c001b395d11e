import type { Logger } from '../../application/ports/logger.port.js';
import type {
  ReplyControl,
  ReplyStopReason,
} from '../../application/chat/send-message/ports/reply-control.port.js';

type StopHandler = (reason: ReplyStopReason) => void;

/**
 * Stop for a single instance: the reply runs here or nowhere, so `stop` knows at once whether
 * someone acknowledged (no ack window to wait out). The Redis control uses it for the replies
 * running on its own instance.
 */
export class InProcessReplyControl implements ReplyControl {
  private readonly handlers = new Map<string, Set<StopHandler>>();

  constructor(private readonly logger: Logger) {}

  async stop(replyId: string, reason: ReplyStopReason): Promise<boolean> {
    return this.deliver(replyId, reason);
  }

  onStop(replyId: string, handler: StopHandler): () => void {
    // A wrapper per registration, so registering the same function twice needs two unregisters.
    const registered: StopHandler = (reason) => handler(reason);
    const handlers = this.handlers.get(replyId) ?? new Set();
    handlers.add(registered);
    this.handlers.set(replyId, handlers);
    return () => {
      handlers.delete(registered);
      if (handlers.size === 0 && this.handlers.get(replyId) === handlers) this.handlers.delete(replyId);
    };
  }

  /** Runs this instance's handlers for the reply; true when it runs here (one handler's failure spares the others). */
  deliver(replyId: string, reason: ReplyStopReason): boolean {
    const handlers = this.handlers.get(replyId);
    if (!handlers || handlers.size === 0) return false;
    for (const handler of [...handlers]) {
      try {
        handler(reason);
      } catch (error) {
        this.logger.error({ err: error, replyId }, 'reply control: a stop handler failed');
      }
    }
    return true;
  }
}
