import type { ChatExchangeRepository, ChatMessageRepository } from '../../domain/chat/chat.repositories.js';
import type { ChatMessage, FinalStatus } from '../../domain/chat/message.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { RefundChatQuota } from '../limits/refund-chat-quota.use-case.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { PreparedSend } from './prepare-send.use-case.js';
import { ModelCallCancelled, type ChatModel, type ChatModelUsage } from './ports/chat-model.port.js';
import type { ReplyOutcome, ReplySink } from './ports/reply-sink.port.js';
import type { TokenCounter } from './ports/token-counter.port.js';

/** Lets a reply be stopped from elsewhere on this instance (its session deleted, shutdown). */
export interface ReplyRegistry {
  register(sessionId: string, abort: () => void): () => void;
}

/** For metrics: how replies end. */
export interface ReplyObserver {
  ended(status: FinalStatus): void;
}

/**
 * Streams the model's reply into the sink and into the database, and ends the reply row with
 * exactly one final status, whatever happens: nothing the user saw is lost. The text is saved
 * about every second while it streams (a crash loses at most that), and once more at the end.
 * The daily unit is given back only when the model produced nothing (it failed before answering);
 * a completed, cut or cancelled reply keeps it.
 */
export class StreamReply {
  constructor(
    private readonly exchanges: ChatExchangeRepository,
    private readonly messages: ChatMessageRepository,
    private readonly model: ChatModel,
    private readonly tokens: TokenCounter,
    private readonly refundQuota: RefundChatQuota,
    private readonly replies: ReplyRegistry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly observer: ReplyObserver = { ended() {} },
    private readonly progressIntervalMs = 1_000,
  ) {}

  async execute(send: PreparedSend, sink: ReplySink, signal: AbortSignal): Promise<ReplyOutcome> {
    const { assistantMessage: reply } = send;
    const abort = new AbortController();
    const stop = () => abort.abort();
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop, { once: true });
    const unregister = this.replies.register(send.session.id, stop);
    const progress = new ProgressSaver(
      this.messages,
      reply.id,
      this.clock,
      this.logger,
      this.progressIntervalMs,
    );

    let content = '';
    let usage: ChatModelUsage | undefined;
    let finishReason: string | null = null;
    let failure: Error | undefined;
    let status: FinalStatus = 'complete';
    try {
      const stream = this.model.stream({
        messages: send.context,
        temperature: send.input.temperature,
        topP: send.input.topP,
        maxTokens: send.input.maxTokens,
        signal: abort.signal,
      });
      for await (const event of stream) {
        if (event.type === 'delta') {
          content += event.text;
          progress.changed(content);
          await sink.delta(reply.id, event.text);
        } else {
          usage = event.usage;
          finishReason = event.finishReason;
        }
      }
    } catch (error) {
      status =
        error instanceof ModelCallCancelled ? 'cancelled' : content.length > 0 ? 'interrupted' : 'error';
      failure = error instanceof ModelCallCancelled ? undefined : (error as Error);
      if (!(error instanceof DomainError) && !(error instanceof ModelCallCancelled))
        this.logger.error({ err: error }, 'reply failed unexpectedly');
    } finally {
      signal.removeEventListener('abort', stop);
      unregister();
      await progress.stop();
    }

    const finished = await this.finish(send, { status, content, usage, finishReason, failure });
    if (status === 'error')
      await this.refundQuota.execute({ userId: send.session.userId, charge: send.charge });
    this.observer.ended(status);
    return { assistantMessage: finished, usage, failure };
  }

  private async finish(
    send: PreparedSend,
    end: {
      status: FinalStatus;
      content: string;
      usage: ChatModelUsage | undefined;
      finishReason: string | null;
      failure: Error | undefined;
    },
  ): Promise<ChatMessage> {
    const now = this.clock.now();
    const outcome = {
      status: end.status,
      content: end.content,
      tokenCount: end.usage?.completionTokens ?? this.tokens.count(end.content),
      tokenCountEstimated: end.usage === undefined,
      finishReason: end.finishReason,
      errorCode:
        end.status === 'cancelled'
          ? 'cancelled'
          : end.failure instanceof DomainError
            ? end.failure.code
            : end.failure
              ? 'internal_error'
              : null,
    };
    const stored = await this.exchanges.close(send.assistantMessage, outcome, now);
    if (!stored)
      this.logger.warn(
        { messageId: send.assistantMessage.id },
        'reply was already finalised (swept as interrupted?)',
      );
    return { ...send.assistantMessage, ...outcome, updatedAt: now };
  }
}

/** Saves a streaming reply's text at most once per interval, one save at a time, off the hot path. */
class ProgressSaver {
  private latest = '';
  private saved = '';
  private inFlight: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly messages: ChatMessageRepository,
    private readonly messageId: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  changed(content: string): void {
    this.latest = content;
  }

  private flush(): void {
    if (this.inFlight || this.latest === this.saved) return;
    const content = this.latest;
    this.inFlight = this.messages
      .saveProgress(this.messageId, content, this.clock.now())
      .then(() => void (this.saved = content))
      .catch((error: unknown) =>
        this.logger.warn({ err: error, messageId: this.messageId }, 'could not save reply progress'),
      )
      .finally(() => (this.inFlight = undefined));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }
}
