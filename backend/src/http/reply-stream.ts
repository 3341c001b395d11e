import type { Response } from 'express';
import type { ReaderEvent } from '../application/chat/send-message/reply-readers.js';
import type { Logger } from '../application/ports/logger.port.js';
import { toChatMessageDto, type ChatMessageDto } from './dtos/chat-message.dto.js';
import { toReplyEventDto } from './dtos/send-message.dto.js';
import { HttpProblem, isProblemCode } from './problem-details.js';
import { SseWriter } from './sse-writer.js';

/**
 * Writes a reply's events as Server-Sent Events, each with its id from the reply's log; the
 * sender's own stream first carries `message.created` (the user message, without an id). Ends
 * after the final event, or when the reader ends early (the client went away, shutdown). A log
 * that cannot be read mid-stream ends the stream without a final event: the client reconnects
 * with its Last-Event-ID, as after any cut.
 */
export async function writeReplyStream(
  res: Response,
  events: AsyncIterable<ReaderEvent>,
  options: { readonly requestId: string; readonly logger: Logger; readonly created?: ChatMessageDto },
): Promise<void> {
  const sse = new SseWriter(res);
  try {
    if (options.created) await sse.send('message.created', options.created);
    for await (const { id, event } of events) {
      const out = toReplyEventDto(event, options.requestId);
      await sse.send(out.event, out.data, id);
    }
  } catch (error) {
    options.logger.warn({ err: error }, 'a reply stream ended early: its events could not be read');
  } finally {
    sse.end();
  }
}

/**
 * The JSON mode: waits for the reply's final event. Its stored message when it ended
 * `complete` or `cancelled`; otherwise the failure, thrown to the error middleware, which
 * answers with the status the SSE `error` event carries.
 */
export async function finalReply(events: AsyncIterable<ReaderEvent>): Promise<ChatMessageDto> {
  for await (const { event } of events) {
    if (event.type === 'message.completed') return toChatMessageDto(event.message);
    if (event.type === 'error') {
      const { code, message, details } = event.failure;
      const retryAfter = details.retryAfterSeconds;
      throw new HttpProblem(
        isProblemCode(code) ? code : 'internal_error',
        message,
        typeof retryAfter === 'number' ? { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) } : {},
        { ...details },
      );
    }
  }
  // The reader was closed before the end: this instance is shutting down.
  throw new HttpProblem(
    'service_unavailable',
    'The server is shutting down. The reply is saved when it ends: look for it in the session.',
    { 'Retry-After': '5' },
  );
}
