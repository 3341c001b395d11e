import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import {
  Body,
  Controller,
  Get,
  Header,
  Middlewares,
  Path,
  Post,
  Produces,
  Query,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import { FollowReply } from '../../application/chat/send-message/follow-reply.use-case.js';
import { FROM_THE_START } from '../../application/chat/send-message/ports/reply-log.port.js';
import { SendMessage } from '../../application/chat/send-message/send-message.use-case.js';
import { StopReply } from '../../application/chat/send-message/stop-reply.use-case.js';
import { ValidationFailed } from '../../domain/shared/domain-error.js';
import { caller } from '../authentication.js';
import { toChatMessageDto } from '../dtos/chat-message.dto.js';
import type { Problem } from '../dtos/problem.dto.js';
import type {
  ChatStreamEvent,
  ReplyStreamEvent,
  SendMessageRequest,
  SendMessageResponse,
} from '../dtos/send-message.dto.js';
import { limitHeaders, setChargedLimitHeaders, settleLimitHeaders } from '../limit-headers.js';
import { finalReply, writeReplyStream } from '../reply-stream.js';
import { clientGoneSignal } from '../sse-writer.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const EVENT_ID = /^\d{1,15}$/;

/*
 * Sending a message and reading its reply. A reply runs on its own (application/chat/
 * send-message/); these routes only pick a reader of its log (SSE or JSON) and let errors
 * through to the error middleware. Sending needs the chat flag; reading and stopping your own
 * replies do not (API.md, "The chat flag and your own data").
 */
@injectable()
@Route('chat/sessions')
@Tags('Chat')
export class ChatMessagesController extends Controller {
  constructor(
    @inject(SendMessage) private readonly send: SendMessage,
    @inject(FollowReply) private readonly follow: FollowReply,
    @inject(StopReply) private readonly stop: StopReply,
  ) {
    super();
  }

  /**
   * Sends a message and answers with the model's reply. With `Accept: text/event-stream` the
   * reply streams as Server-Sent Events (see the `2XX` response for the event schemas): first
   * `message.created` (the stored user message, without an id), then the reply's log from
   * `reply.started` (id 0); every failure before the stream starts answers with its real
   * status, and after that arrives as an `error` event. Otherwise the answer is JSON once the
   * reply has ended. The reply does not depend on this request: if the client goes away it goes
   * on, and GET .../messages/{messageId}/stream follows it again.
   *
   * An `Idempotency-Key` (1..255 visible ASCII) makes the send safe to repeat for 24 h: the
   * same key returns the stored exchange as JSON instead of sending again (409 while the first
   * is still running).
   * @summary Send a message
   */
  @Post('{id}/messages')
  @Security('jwt', ['feature:chat'])
  @Middlewares(limitHeaders)
  @Response<ChatStreamEvent>(
    '2XX',
    'With `Accept: text/event-stream`: a stream of these events',
    undefined,
    'text/event-stream',
  )
  @Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
  @Response<Problem>(403, 'Chat is not enabled for you (`feature_disabled`)')
  @Response<Problem>(404, 'No such chat session (`not_found`)')
  @Response<Problem>(
    409,
    'A reply is already streaming in this session (`reply_in_progress`), or the same Idempotency-Key is still running (`idempotency_conflict`)',
  )
  @Response<Problem>(
    422,
    'Empty or too long content, params out of range, unknown fields (`validation_failed`)',
  )
  @Response<Problem>(
    429,
    'Per-minute limit or CHAT_MAX_RUNNING_REPLIES replies already running (`rate_limited`), or daily quota (`quota_exceeded`), with Retry-After',
  )
  @Response<Problem>(502, 'The model provider answered with an error (`llm_error`)')
  @Response<Problem>(
    503,
    'The model is temporarily unavailable: circuit open (`llm_unavailable`), with Retry-After; or the quota store is down (`service_unavailable`)',
  )
  @Response<Problem>(504, 'The model did not start answering in time (`llm_timeout`)')
  public async sendMessage(
    @Path() id: string,
    @Body() body: SendMessageRequest,
    @Request() req: ExRequest,
    @Header('accept') accept?: string,
    @Header('idempotency-key') idempotencyKey?: string,
  ): Promise<SendMessageResponse> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationFailed([
        { path: 'Idempotency-Key', message: 'must be 1..255 visible ASCII characters' },
      ]);
    }
    const res = req.res!;
    const sent = await this.send.execute(
      { user: caller(req), sessionId: id, content: body.content, params: body.params, idempotencyKey },
      clientGoneSignal(res),
    );
    if (sent.kind === 'replay') {
      await settleLimitHeaders(res);
      return {
        userMessage: toChatMessageDto(sent.userMessage),
        assistantMessage: toChatMessageDto(sent.assistantMessage),
      };
    }
    // The numbers after this send took its unit.
    if (!sent.charge.unlimited) setChargedLimitHeaders(res, sent.charge);
    const userMessage = toChatMessageDto(sent.userMessage);
    if (!accept?.includes('text/event-stream'))
      return { userMessage, assistantMessage: await finalReply(sent.events) };
    await writeReplyStream(res, sent.events, {
      requestId: String(req.id),
      logger: req.log,
      created: userMessage,
    });
    // The answer was written by hand; tsoa sends nothing once the headers are out.
    return undefined as never;
  }

  /**
   * Follows a reply, from any instance: its events after `Last-Event-ID` (the header, or
   * `lastEventId`; without either, from `reply.started`), then the live ones until its final
   * event. A reply that has ended answers its remaining events and its final one at once; once
   * its log has expired (CHAT_REPLY_LOG_TTL_S after the end), the final event is made from the
   * stored message. A streaming message returned by GET /chat/sessions/{id} carries the
   * `lastEventId` its saved text goes up to.
   * @summary Follow a reply
   * @param lastEventId The id of the last event already shown (as the Last-Event-ID header)
   */
  @Get('{id}/messages/{messageId}/stream')
  @Security('jwt')
  @Produces('text/event-stream')
  @Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
  @Response<Problem>(404, 'Not an assistant reply in one of your sessions (`not_found`)')
  @Response<Problem>(422, 'Last-Event-ID is not a whole number (`validation_failed`)')
  public async streamReply(
    @Path() id: string,
    @Path() messageId: string,
    @Request() req: ExRequest,
    @Header('last-event-id') lastEventIdHeader?: string,
    @Query() lastEventId?: string,
  ): Promise<ReplyStreamEvent> {
    const afterId = eventIdFrom(lastEventIdHeader ?? lastEventId);
    const res = req.res!;
    const events = await this.follow.execute({
      userId: caller(req).id,
      sessionId: id,
      messageId,
      afterId,
      signal: clientGoneSignal(res),
    });
    await writeReplyStream(res, events, { requestId: String(req.id), logger: req.log });
    return undefined as never;
  }

  /**
   * Stops a reply wherever it runs, within about a second: it ends `cancelled` with the text
   * produced so far, and every reader gets its final `message.completed`. If the instance
   * running it is gone, the reply is ended here after CHAT_STOP_ACK_MS with the text saved last.
   * @summary Stop a reply
   */
  @Post('{id}/messages/{messageId}/stop')
  @Security('jwt')
  @SuccessResponse(202, 'Stopping')
  @Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
  @Response<Problem>(404, 'Not an assistant reply in one of your sessions (`not_found`)')
  @Response<Problem>(409, 'The reply has already ended (`reply_not_running`)')
  public async stopReply(
    @Path() id: string,
    @Path() messageId: string,
    @Request() req: ExRequest,
  ): Promise<void> {
    await this.stop.execute(caller(req).id, id, messageId);
    this.setStatus(202);
  }
}

/** A Last-Event-ID: a reply's event ids are whole numbers from 0. */
function eventIdFrom(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return FROM_THE_START;
  if (!EVENT_ID.test(raw.trim())) {
    throw new ValidationFailed([{ path: 'Last-Event-ID', message: 'must be a whole number from 0' }]);
  }
  return Number(raw.trim());
}
