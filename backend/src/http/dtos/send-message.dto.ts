import type { ChatMessageDto } from './chat-message.dto.js';
import type { Problem } from './problem.dto.js';

export interface SendParamsDto {
  /**
   * @minimum 0
   * @maximum 2
   */
  temperature?: number;
  /**
   * @minimum 0
   * @maximum 1
   */
  topP?: number;
  /**
   * May only lower the server's CHAT_MAX_TOKENS.
   * @isInt
   * @minimum 1
   */
  maxTokens?: number;
}

export interface SendMessageRequest {
  /**
   * Trimmed; 1..CHAT_MAX_MESSAGE_LENGTH characters (GET /config says how many); no NUL.
   * @example "Explain keyset pagination in two sentences."
   */
  content: string;
  params?: SendParamsDto;
}

/** The JSON answer (without `Accept: text/event-stream`), and what an Idempotency-Key replay returns. */
export interface SendMessageResponse {
  userMessage: ChatMessageDto;
  assistantMessage: ChatMessageDto;
}

export interface UsageDto {
  promptTokens: number;
  completionTokens: number;
}

/** `event: message.delta`: one piece of the reply, as the model sent it. */
export interface MessageDeltaEventData {
  messageId: string;
  content: string;
}

/** `event: message.completed`: the stored reply, status `complete`, with the provider's usage when known. */
export interface MessageCompletedEventData extends ChatMessageDto {
  usage: UsageDto | null;
}

/**
 * With `Accept: text/event-stream` the answer is a stream of these events, each with an
 * increasing `id:`: `message.created` (the stored user message), then one `message.delta` per
 * piece of the reply, then `message.completed` or `error` (problem details with the status the
 * JSON mode would have answered). `: keep-alive` comments every 15 s while waiting.
 */
export type ChatStreamEvent =
  | { event: 'message.created'; data: ChatMessageDto }
  | { event: 'message.delta'; data: MessageDeltaEventData }
  | { event: 'message.completed'; data: MessageCompletedEventData }
  | { event: 'error'; data: Problem };
