import type { ReplyEvent } from '../../application/chat/send-message/ports/reply-log.port.js';
import { isProblemCode, problem, type ProblemDetails } from '../problem-details.js';
import { toChatMessageDto, type ChatMessageDto } from './chat-message.dto.js';
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

/** `event: reply.started` (always id 0): the reply as stored when it started, status `streaming`. */
export type ReplyStartedEventData = ChatMessageDto;

/** `event: message.delta`: one piece of the reply, as the model sent it. */
export interface MessageDeltaEventData {
  messageId: string;
  content: string;
}

/**
 * `event: message.completed`: the stored reply, status `complete` or `cancelled` (stopped), with
 * the provider's usage when known (null when the stored message answers, its log gone).
 * Replace the text shown with its `content`; never append it.
 */
export interface MessageCompletedEventData extends ChatMessageDto {
  usage: UsageDto | null;
}

/**
 * A reply's events, as GET /chat/sessions/{id}/messages/{messageId}/stream sends them. Ids are
 * per reply: `reply.started` is 0, each `message.delta` the next integer, and exactly one
 * final event ends the stream: `message.completed`, or `error` (problem details with the
 * status the JSON mode would have answered; the reply ended `interrupted` or `error`). A final
 * event made from the stored message (the log expired) has no id. `: keep-alive` comments
 * every 15 s while waiting.
 */
export type ReplyStreamEvent =
  | { event: 'reply.started'; data: ReplyStartedEventData }
  | { event: 'message.delta'; data: MessageDeltaEventData }
  | { event: 'message.completed'; data: MessageCompletedEventData }
  | { event: 'error'; data: Problem };

/**
 * With `Accept: text/event-stream` the answer to a send: `message.created` (the stored user
 * message, without an id), then the reply's events (ReplyStreamEvent) from `reply.started` on.
 */
export type ChatStreamEvent = { event: 'message.created'; data: ChatMessageDto } | ReplyStreamEvent;

/** One reply event as the SSE stream carries it (`data` is what the event names above describe). */
export function toReplyEventDto(
  event: ReplyEvent,
  requestId: string,
): { event: ReplyStreamEvent['event']; data: ReplyStreamEvent['data'] } {
  switch (event.type) {
    case 'reply.started':
      return { event: 'reply.started', data: toChatMessageDto(event.message) };
    case 'message.delta':
      return { event: 'message.delta', data: { messageId: event.messageId, content: event.content } };
    case 'message.completed':
      return {
        event: 'message.completed',
        data: { ...toChatMessageDto(event.message), usage: event.usage },
      };
    case 'error':
      return { event: 'error', data: replyProblem(event.failure, requestId) };
  }
}

/** A reply's failure as problem details: the status the JSON mode answers with. */
export function replyProblem(
  failure: { readonly code: string; readonly message: string; readonly details: object },
  requestId: string,
): ProblemDetails {
  const code = isProblemCode(failure.code) ? failure.code : 'internal_error';
  return problem(code, failure.message, { ...failure.details, requestId });
}
