import type { ChatExchangeRepository, OwnedReply } from '../../../domain/chat/chat.repositories.js';
import type { FinalStatus } from '../../../domain/chat/message.js';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../ports/logger.port.js';
import type { UserEvent, UserEvents } from '../../ports/user-events.port.js';
import type { ChatAccessProbe } from './ports/chat-access.port.js';
import type { ReplyLog } from './ports/reply-log.port.js';
import { finalEventOf } from './reply-endings.js';

/**
 * Saves a running reply's text at most once per interval, with the id of the last log event it
 * includes, one save at a time and off the path of the deltas. A crash loses at most an
 * interval of text, and a reader that reloads the page resumes the log right after what the
 * saved text shows.
 */
export class ProgressSaver {
  private latest = { content: '', lastEventId: 0 };
  private saved = this.latest;
  private inFlight: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly exchanges: ChatExchangeRepository,
    private readonly messageId: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  changed(content: string, lastEventId: number): void {
    this.latest = { content, lastEventId };
  }

  private flush(): void {
    if (this.inFlight || this.latest === this.saved) return;
    const progress = this.latest;
    this.inFlight = this.exchanges
      .saveProgress(this.messageId, progress.content, progress.lastEventId, this.clock.now())
      .then(() => void (this.saved = progress))
      .catch((error: unknown) =>
        this.logger.warn({ err: error, messageId: this.messageId }, 'could not save reply progress'),
      )
      .finally(() => (this.inFlight = undefined));
  }

  /** No more saves; resolves once the one in flight (if any) is done. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }
}

/**
 * Asks, every `everyMs` and whenever `check()` is called (a flag, cohort or user change was
 * heard), whether the reply's user may still chat; calls `onDenied` once when not. A check asked
 * for while one is in flight runs again right after it, so a change is never judged on a read
 * made before it.
 */
export class AccessWatch {
  private readonly timer: NodeJS.Timeout;
  private checking = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly probe: ChatAccessProbe,
    private readonly userId: string,
    everyMs: number,
    private readonly onDenied: () => void,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  check(): void {
    if (this.stopped) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    this.probe
      .chatEnabledFor(this.userId)
      .then(
        (enabled) => {
          if (!enabled && !this.stopped) {
            this.stop();
            this.onDenied();
          }
        },
        (error: unknown) =>
          this.logger.warn(
            { err: error, userId: this.userId },
            'could not check chat access for a running reply',
          ),
      )
      .finally(() => {
        this.checking = false;
        if (this.again) {
          this.again = false;
          this.check();
        }
      });
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }
}

/**
 * Runs `attempt` until it resolves, at most `tries` times, waiting a little longer each time:
 * for the writes a reader waits on (the final event), where a passing Redis hiccup must not
 * leave readers waiting for an end that was stored but never told.
 */
export async function withRetries<T>(attempt: () => Promise<T>, tries = 3, firstWaitMs = 50): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, firstWaitMs * 2 ** (n - 1)));
    }
  }
}

/**
 * Tells the user's other tabs and devices (UserEvents), without waiting: the live feed is best
 * effort, and a reply's readers and the send's answer must never wait for it.
 */
export function tell(events: UserEvents, userId: string, event: UserEvent): void {
  events.publish(userId, event).catch(() => undefined);
}

/**
 * For whoever ends a reply other than its run (a stop nobody acknowledged, the sweeper), once
 * its conditional update has ended the row: the final event into the log, made from the ended
 * row, so that every reader ends; then the user's other tabs hear of it.
 */
export async function announceEndedReply(
  ports: { readonly log: ReplyLog; readonly events: UserEvents; readonly logger: Logger },
  { userId, message }: OwnedReply,
  status: FinalStatus,
): Promise<void> {
  try {
    await withRetries(() => ports.log.append(message.id, finalEventOf(message)));
  } catch (error) {
    ports.logger.error(
      { err: error, messageId: message.id },
      'a reply was ended, but its final event was not written',
    );
  }
  tell(ports.events, userId, {
    type: 'reply.ended',
    sessionId: message.sessionId,
    messageId: message.id,
    status,
  });
}
