import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import {
  Body,
  Controller,
  Header,
  Middlewares,
  Path,
  Post,
  Request,
  Response,
  Route,
  Security,
  Tags,
} from '@tsoa/runtime';
import { PrepareSend, type PreparedSend } from '../../application/chat/prepare-send.use-case.js';
import { StreamReply } from '../../application/chat/stream-reply.use-case.js';
import { ValidationFailed } from '../../domain/shared/domain-error.js';
import { caller } from '../authentication.js';
import { toChatMessageDto } from '../dtos/chat-message.dto.js';
import type { Problem } from '../dtos/problem.dto.js';
import type { ChatStreamEvent, SendMessageRequest, SendMessageResponse } from '../dtos/send-message.dto.js';
import { toProblem } from '../problem-details.js';
import { clientGoneSignal, SseWriter } from '../sse-writer.js';
import { limitHeaders, setChargedLimitHeaders, settleLimitHeaders } from '../limit-headers.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@injectable()
@Route('chat/sessions')
@Tags('Chat')
@Security('jwt', ['feature:chat'])
export class ChatMessagesController extends Controller {
  constructor(
    @inject(PrepareSend) private readonly prepareSend: PrepareSend,
    @inject(StreamReply) private readonly streamReply: StreamReply,
  ) {
    super();
  }

  /**
   * Sends a message and answers with the model's reply. With `Accept: text/event-stream` the
   * reply streams as Server-Sent Events (see the `2XX` response for the event schemas); every
   * failure before the stream starts answers with its real status, and after that arrives as
   * an `error` event. Otherwise the answer is JSON once the reply is complete.
   *
   * An `Idempotency-Key` (1..255 visible ASCII) makes the send safe to repeat for 24 h: the
   * same key returns the stored exchange as JSON instead of sending again (409 while the first
   * is still running). A reply cut short is stored with what was produced and a status that
   * says why (`cancelled`, `interrupted`, `error`).
   * @summary Send a message
   */
  @Post('{id}/messages')
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
    'Per-minute limit (`rate_limited`) or daily quota (`quota_exceeded`), with Retry-After',
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
    const prepared = await this.prepareSend.execute({
      user: caller(req),
      sessionId: id,
      content: body.content,
      params: body.params,
      idempotencyKey,
    });
    if (prepared.kind === 'replay') {
      await settleLimitHeaders(req.res!);
      return {
        userMessage: toChatMessageDto(prepared.exchange.userMessage),
        assistantMessage: toChatMessageDto(prepared.exchange.assistantMessage),
      };
    }
    const res = req.res!;
    // The numbers after this send took its unit.
    if (!prepared.send.charge.unlimited) setChargedLimitHeaders(res, prepared.send.charge);
    const gone = clientGoneSignal(res);
    if (!accept?.includes('text/event-stream')) {
      const outcome = await this.streamReply.execute(prepared.send, { delta() {} }, gone);
      if (outcome.failure) throw outcome.failure;
      return {
        userMessage: toChatMessageDto(prepared.send.userMessage),
        assistantMessage: toChatMessageDto(outcome.assistantMessage),
      };
    }
    await this.stream(prepared.send, new SseWriter(res), gone, String(req.id ?? ''));
    // The answer was written by hand; tsoa sends nothing once the headers are out.
    return undefined as never;
  }

  private async stream(
    send: PreparedSend,
    sse: SseWriter,
    gone: AbortSignal,
    requestId: string,
  ): Promise<void> {
    try {
      await sse.send('message.created', toChatMessageDto(send.userMessage));
      const outcome = await this.streamReply.execute(
        send,
        { delta: (messageId, content) => sse.send('message.delta', { messageId, content }) },
        gone,
      );
      if (outcome.failure) {
        await sse.send('error', { ...toProblem(outcome.failure, false).body, requestId });
      } else if (outcome.assistantMessage.status === 'complete') {
        await sse.send('message.completed', {
          ...toChatMessageDto(outcome.assistantMessage),
          usage: outcome.usage ?? null,
        });
      }
    } finally {
      sse.end();
    }
  }
}
