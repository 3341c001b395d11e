import { createHash } from 'node:crypto';
import { IdempotencyConflict, ReplyInProgress } from '../../domain/chat/chat-errors.js';
import { autoTitle } from '../../domain/chat/chat-session.entity.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import type {
  ChatExchangeRepository,
  ChatMessageRepository,
  IdempotencyRecord,
  NewExchange,
} from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import { ModelUnavailable } from '../../domain/chat/model-errors.js';
import { NotFound, ValidationFailed } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { ChatQuotaCharge, ConsumeChatQuota } from '../limits/consume-chat-quota.use-case.js';
import type { RefundChatQuota } from '../limits/refund-chat-quota.use-case.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import { buildContext, type ContextSettings } from './context-builder.js';
import type { ChatModelAvailability, ChatModelMessage } from './ports/chat-model.port.js';
import type { TokenCounter } from './ports/token-counter.port.js';
import { validateSend, type SendLimits, type SendParams, type ValidSend } from './send-input.js';

export interface SendRequest {
  user: AuthenticatedUser;
  sessionId: string;
  content: string;
  params?: SendParams;
  idempotencyKey?: string;
}

export interface Exchange {
  userMessage: ChatMessage;
  assistantMessage: ChatMessage;
}

/** Everything checked, the user message stored and the reply row holding the session's lock. */
export interface PreparedSend extends Exchange {
  session: ChatSession;
  context: ChatModelMessage[];
  input: ValidSend;
  charge: ChatQuotaCharge;
}

export type PrepareResult = { kind: 'prepared'; send: PreparedSend } | { kind: 'replay'; exchange: Exchange };

export interface PrepareSendSettings extends SendLimits, ContextSettings {
  model: string;
  idempotencyTtlMs: number;
}

/**
 * Every check before the model is called, in API.md's order (authentication and the feature
 * flag ran before this): validation → ownership → (an earlier send with the same
 * Idempotency-Key) → reply in progress → circuit open → limits. The first failing check answers;
 * nothing after it runs, so a refused send uses no quota and stores nothing. Then, all or
 * nothing: the user message, the reply row as `streaming` (the partial unique index makes it
 * the session's lock, for every instance), the session's activity, and the idempotency record.
 *
 * This is the wait before the first token, so it costs two database round trips, not more: one
 * read for the checks (ownership, lock, key) that also brings the history the context is built
 * from, and one statement for the writes (ChatExchangeRepository).
 */
export class PrepareSend {
  constructor(
    private readonly exchanges: ChatExchangeRepository,
    private readonly messages: ChatMessageRepository,
    private readonly model: ChatModelAvailability,
    private readonly consumeQuota: ConsumeChatQuota,
    private readonly refundQuota: RefundChatQuota,
    private readonly tokens: TokenCounter,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: PrepareSendSettings,
  ) {}

  async execute(request: SendRequest): Promise<PrepareResult> {
    const input = validateSend(request, this.settings);
    const now = this.clock.now();
    const state = await this.exchanges.loadForSend(request.user.id, request.sessionId, {
      historyLimit: this.settings.contextMessages,
      idempotencyKey: request.idempotencyKey,
      now,
    });
    if (!state) throw new NotFound('chat session');
    const { session } = state;
    const requestHash = hashRequest(session.id, input);
    if (state.idempotency) {
      const replay = await this.replay(state.idempotency, requestHash);
      if (replay) return { kind: 'replay', exchange: replay };
    }
    if (state.replyInProgress) throw new ReplyInProgress();
    const retryAfter = this.model.unavailableFor();
    if (retryAfter !== undefined) throw new ModelUnavailable(retryAfter);
    const charge = await this.consumeQuota.execute({ userId: request.user.id, role: request.user.role });

    try {
      const exchange = this.exchange(request, session, input, requestHash, now);
      if (!(await this.exchanges.open(exchange, now))) throw new NotFound('chat session');
      // The history was read just before. A send that began in between holds the lock, so this
      // one failed above; only one that also ended in that millisecond or so is missing here.
      const context = buildContext([...state.history, exchange.userMessage], this.settings, this.tokens);
      return {
        kind: 'prepared',
        send: {
          userMessage: exchange.userMessage,
          assistantMessage: exchange.assistantMessage,
          session,
          context,
          input,
          charge,
        },
      };
    } catch (error) {
      // Lost a race (another send took the lock, or the same key) after taking quota: give it back.
      await this.refundQuota.execute({ userId: request.user.id, charge });
      throw error;
    }
  }

  private async replay(record: IdempotencyRecord, requestHash: string): Promise<Exchange | undefined> {
    if (record.requestHash !== requestHash) {
      throw new ValidationFailed([
        { path: 'Idempotency-Key', message: 'was already used for a different request' },
      ]);
    }
    const [userMessage, assistantMessage] = await Promise.all([
      this.messages.findById(record.sessionId, record.userMessageId),
      this.messages.findById(record.sessionId, record.assistantMessageId),
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
      id: this.ids.next(),
      sessionId: session.id,
      role: 'user',
      content: input.content,
      status: 'complete',
      tokenCount: this.tokens.count(input.content),
      tokenCountEstimated: true,
      model: null,
      finishReason: null,
      errorCode: null,
      createdAt: now,
      updatedAt: now,
    };
    const assistantMessage: ChatMessage = {
      ...userMessage,
      id: this.ids.next(),
      role: 'assistant',
      content: '',
      status: 'streaming',
      tokenCount: 0,
      tokenCountEstimated: false,
      model: this.settings.model,
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
      userMessage,
      assistantMessage,
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
