import { createHash } from 'node:crypto';
import {
  IdempotencyConflict,
  ReplyInProgress,
  TooManyRunningReplies,
} from '../../../domain/chat/chat-errors.js';
import { autoTitle } from '../../../domain/chat/chat-session.entity.js';
import type { ChatSession } from '../../../domain/chat/chat-session.entity.js';
import type {
  ChatExchangeRepository,
  ChatMessageRepository,
  IdempotencyRecord,
  NewExchange,
} from '../../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../../domain/chat/message.js';
import { ModelUnavailable } from '../../../domain/chat/model-errors.js';
import { NotFound, ValidationFailed } from '../../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../../identity/authenticated-user.js';
import type { ChatQuotaCharge, ConsumeChatQuota } from '../../limits/consume-chat-quota.use-case.js';
import type { RefundChatQuota } from '../../limits/refund-chat-quota.use-case.js';
import type { Clock } from '../../ports/clock.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UserEvents } from '../../ports/user-events.port.js';
import type { ChatModelAvailability } from '../ports/chat-model.port.js';
import type { TokenCounter } from '../ports/token-counter.port.js';
import { buildContext, type ContextSettings } from './context-builder.js';
import { FROM_THE_START } from './ports/reply-log.port.js';
import type { ReaderEvent, ReplyReaders } from './reply-readers.js';
import { tell } from './reply-run-helpers.js';
import type { RunReply } from './run-reply.use-case.js';
import { validateSend, type SendLimits, type SendParams, type ValidSend } from './send-input.js';

export interface SendRequest {
  readonly user: AuthenticatedUser;
  readonly sessionId: string;
  readonly content: string;
  readonly params?: SendParams;
  readonly idempotencyKey?: string;
}

export type SendOutcome =
  /** An earlier send with the same Idempotency-Key, as stored (its reply has ended). */
  | { readonly kind: 'replay'; readonly userMessage: ChatMessage; readonly assistantMessage: ChatMessage }
  /**
   * The message is stored and its reply runs: `events` reads the reply's log from its first
   * event to its final one (ending early only when the signal given to `execute` aborts).
   */
  | {
      readonly kind: 'started';
      readonly userMessage: ChatMessage;
      /** The assistant message the reply is written into. */
      readonly replyId: string;
      readonly charge: ChatQuotaCharge;
      readonly events: AsyncIterable<ReaderEvent>;
    };

export interface SendMessagePorts {
  readonly exchanges: ChatExchangeRepository;
  readonly messages: ChatMessageRepository;
  readonly model: ChatModelAvailability;
  readonly consumeQuota: ConsumeChatQuota;
  readonly refundQuota: RefundChatQuota;
  readonly tokens: TokenCounter;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly run: RunReply;
  readonly readers: ReplyReaders;
  readonly events: UserEvents;
}

export interface SendMessageSettings extends SendLimits, ContextSettings {
  readonly model: string;
  readonly idempotencyTtlMs: number;
  /** CHAT_MAX_RUNNING_REPLIES */
  readonly maxRunningReplies: number;
}

/**
 * Sending a message: every check before the model is called, in API.md's order (authentication
 * and the feature flag ran before this): validation → ownership → (an earlier send with the same
 * Idempotency-Key) → reply in progress → running-reply cap → circuit open → limits. The first
 * failing check answers; nothing after it runs, so a refused send uses no quota and stores
 * nothing. Then, all or nothing: the user message, the reply row as `streaming` (the session's
 * lock and one of the user's reply slots, for every instance), the session's activity, and the
 * idempotency record. A send that loses a race for the lock or the slot after taking its unit
 * gives the unit back. Then the reply's run starts (RunReply), on its own: the caller only reads.
 *
 * This is the wait before the first token, so it costs two database round trips, not more: one
 * read for the checks (ownership, lock, running replies, key) that also brings the history the
 * context is built from, and one statement for the writes (ChatExchangeRepository).
 */
export class SendMessage {
  constructor(
    private readonly ports: SendMessagePorts,
    private readonly settings: SendMessageSettings,
  ) {}

  async execute(request: SendRequest, signal?: AbortSignal): Promise<SendOutcome> {
    const { exchanges, clock, events } = this.ports;
    const userId = request.user.id;
    const input = validateSend(request, this.settings);
    const now = clock.now();
    const state = await exchanges.loadForSend(userId, request.sessionId, {
      historyLimit: this.settings.contextMessages,
      idempotencyKey: request.idempotencyKey,
      now,
    });
    if (!state) throw new NotFound('chat session');
    const requestHash = hashRequest(state.session.id, input);
    if (state.idempotency) {
      const replay = await this.replay(state.idempotency, requestHash);
      if (replay) return { kind: 'replay', ...replay };
    }
    if (state.replyInProgress) throw new ReplyInProgress();
    if (state.runningReplies >= this.settings.maxRunningReplies)
      throw new TooManyRunningReplies(this.settings.maxRunningReplies);
    const retryAfter = this.ports.model.unavailableFor();
    if (retryAfter !== undefined) throw new ModelUnavailable(retryAfter);
    const charge = await this.ports.consumeQuota.execute({ userId, role: request.user.role });

    const exchange = this.exchange(request, state.session, input, requestHash, now);
    let session: ChatSession | undefined;
    try {
      session = await exchanges.open(exchange, now);
      if (!session) throw new NotFound('chat session');
    } catch (error) {
      // Lost a race (another send took the lock, the slot or the same key) after taking quota.
      await this.ports.refundQuota.execute({ userId, charge });
      throw error;
    }
    const { userMessage, assistantMessage: reply } = exchange;
    // The history was read just before. A send that began in between holds the lock, so this
    // one failed above; only one that also ended in that millisecond or so is missing here.
    const context = buildContext([...state.history, userMessage], this.settings, this.ports.tokens);
    void this.ports.run.execute({ userId, reply, context, params: input, charge });
    tell(events, userId, {
      type: 'session.message_added',
      sessionId: session.id,
      message: userMessage,
      replyId: reply.id,
    });
    tell(events, userId, { type: 'session.updated', session });
    if (!charge.unlimited) tell(events, userId, { type: 'quota.changed' });
    const replyEvents = this.ports.readers.open(reply, FROM_THE_START, signal);
    return { kind: 'started', userMessage, replyId: reply.id, charge, events: replyEvents };
  }

  private async replay(
    record: IdempotencyRecord,
    requestHash: string,
  ): Promise<{ userMessage: ChatMessage; assistantMessage: ChatMessage } | undefined> {
    if (record.requestHash !== requestHash) {
      throw new ValidationFailed([
        { path: 'Idempotency-Key', message: 'was already used for a different request' },
      ]);
    }
    const [userMessage, assistantMessage] = await Promise.all([
      this.ports.messages.findById(record.sessionId, record.userMessageId),
      this.ports.messages.findById(record.sessionId, record.assistantMessageId),
    ]);
    if (!userMessage || !assistantMessage) return undefined;
    if (assistantMessage.status === 'streaming') throw new IdempotencyConflict();
    return { userMessage, assistantMessage };
  }

  private exchange(
    request: SendRequest,
    session: ChatSession,
    input: ValidSend,
    requestHash: string,
    now: Date,
  ): NewExchange {
    // Ids are time-ordered: the reply sorts after its question even within one millisecond.
    const userMessage: ChatMessage = {
      id: this.ports.ids.next(),
      sessionId: session.id,
      role: 'user',
      content: input.content,
      status: 'complete',
      tokenCount: this.ports.tokens.count(input.content),
      tokenCountEstimated: true,
      model: null,
      finishReason: null,
      errorCode: null,
      lastEventId: null,
      createdAt: now,
      updatedAt: now,
    };
    const assistantMessage: ChatMessage = {
      ...userMessage,
      id: this.ports.ids.next(),
      role: 'assistant',
      content: '',
      status: 'streaming',
      tokenCount: 0,
      tokenCountEstimated: false,
      model: this.settings.model,
      // `reply.started`: the saved (empty) text includes the log up to event 0.
      lastEventId: 0,
    };
    const idempotency = request.idempotencyKey
      ? {
          userId: request.user.id,
          key: request.idempotencyKey,
          requestHash,
          sessionId: session.id,
          userMessageId: userMessage.id,
          assistantMessageId: assistantMessage.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.settings.idempotencyTtlMs),
        }
      : undefined;
    return {
      userId: request.user.id,
      userMessage,
      assistantMessage,
      replySlots: this.settings.maxRunningReplies,
      autoTitle: autoTitle(input.content),
      ...(idempotency && { idempotency }),
    };
  }
}

function hashRequest(sessionId: string, input: ValidSend): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        sessionId,
        input.content,
        input.temperature ?? null,
        input.topP ?? null,
        input.maxTokens,
      ]),
    )
    .digest('hex');
}
