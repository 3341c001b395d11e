import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import {
  Body,
  Controller,
  Delete,
  Example,
  Get,
  Patch,
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
import { CreateSession } from '../../application/chat/create-session.use-case.js';
import { DeleteSession } from '../../application/chat/delete-session.use-case.js';
import { ExportSession } from '../../application/chat/export-session.use-case.js';
import { GetSession } from '../../application/chat/get-session.use-case.js';
import { ListMessages } from '../../application/chat/list-messages.use-case.js';
import { ListSessions } from '../../application/chat/list-sessions.use-case.js';
import { RenameSession } from '../../application/chat/rename-session.use-case.js';
import { RestoreSession } from '../../application/chat/restore-session.use-case.js';
import { caller } from '../authentication.js';
import { toChatMessageDto } from '../dtos/chat-message.dto.js';
import {
  EXPORT_JSON_EXAMPLE,
  EXPORT_MARKDOWN_EXAMPLE,
  FEATURE_DISABLED_EXAMPLE,
  MESSAGE_PAGE_EXAMPLE,
  NEW_SESSION_EXAMPLE,
  NOT_FOUND_EXAMPLE,
  SESSION_DETAIL_EXAMPLE,
  SESSION_EXAMPLE,
  SESSION_PAGE_EXAMPLE,
  TITLE_VALIDATION_EXAMPLE,
  UNAUTHENTICATED_EXAMPLE,
  VALIDATION_EXAMPLE,
} from '../dtos/chat.examples.js';
import {
  toChatSessionDetailDto,
  toChatSessionDto,
  type ChatExportDto,
  type ChatExportFormat,
  type ChatMessagePage,
  type ChatSessionDetailDto,
  type ChatSessionDto,
  type ChatSessionPage,
  type CreateChatSessionRequest,
  type RenameChatSessionRequest,
} from '../dtos/chat.dto.js';
import type { Problem } from '../dtos/problem.dto.js';

/*
 * Chat sessions. The rollout gate (`feature:chat`, checked right after authentication and
 * before validation) is on creating a session only: reading, searching, exporting, renaming,
 * deleting and restoring your own chats stay open when chat is off for you, so a rollout
 * decision never takes your history away (API.md "The chat flag and your own data").
 * Someone else's session, a deleted one and a missing one all answer the same 404; only
 * restore sees deleted sessions.
 * Static paths come before `{id}` ones: tsoa registers routes in declaration order.
 */
@injectable()
@Route('chat/sessions')
@Tags('Chat')
@Security('jwt')
@Response<Problem>(
  401,
  'Missing, invalid or expired access token (`unauthenticated`)',
  UNAUTHENTICATED_EXAMPLE,
)
export class ChatSessionsController extends Controller {
  constructor(
    @inject(ListSessions) private readonly listSessionsUseCase: ListSessions,
    @inject(CreateSession) private readonly createSessionUseCase: CreateSession,
    @inject(GetSession) private readonly getSessionUseCase: GetSession,
    @inject(ListMessages) private readonly listMessagesUseCase: ListMessages,
    @inject(RenameSession) private readonly renameSessionUseCase: RenameSession,
    @inject(DeleteSession) private readonly deleteSessionUseCase: DeleteSession,
    @inject(RestoreSession) private readonly restoreSessionUseCase: RestoreSession,
    @inject(ExportSession) private readonly exportSessionUseCase: ExportSession,
  ) {
    super();
  }

  /**
   * Your sessions, most recent activity first: creating a session and every new message move
   * it to the top; a rename does not. With `q`, only sessions whose title or messages contain
   * every word of it, each as a word prefix ("lisb port" finds "Lisbon" and "Porto").
   * @summary List chat sessions
   * @param limit Page size
   * @param cursor From the previous page's nextCursor
   * @param q Words to find in titles and message text
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   * @maxLength q 200
   */
  @Get()
  @Example<ChatSessionPage>(SESSION_PAGE_EXAMPLE)
  @Response<Problem>(422, 'Invalid limit, cursor or q (`validation_failed`)', VALIDATION_EXAMPLE)
  public async listSessions(
    @Request() req: ExRequest,
    @Query() limit = 20,
    @Query() cursor?: string,
    @Query() q?: string,
  ): Promise<ChatSessionPage> {
    const page = await this.listSessionsUseCase.execute(caller(req).id, { limit, cursor, q });
    return { items: page.items.map(toChatSessionDto), nextCursor: page.nextCursor };
  }

  /**
   * Starts a session at the top of your list. Without a title it is "New chat" until the
   * first message gives it one. Needs chat to be on for you (the rest of these routes do not).
   * @summary Create a chat session
   */
  @Post()
  @Security('jwt', ['feature:chat'])
  @SuccessResponse(201, 'Created')
  @Example<ChatSessionDto>(NEW_SESSION_EXAMPLE)
  @Response<Problem>(403, 'Chat is not enabled for you (`feature_disabled`)', FEATURE_DISABLED_EXAMPLE)
  @Response<Problem>(
    422,
    'Empty or too long title, or unknown fields (`validation_failed`)',
    TITLE_VALIDATION_EXAMPLE,
  )
  public async createSession(
    @Request() req: ExRequest,
    @Body() body?: CreateChatSessionRequest,
  ): Promise<ChatSessionDto> {
    const session = await this.createSessionUseCase.execute(caller(req).id, body ?? {});
    this.setStatus(201);
    return toChatSessionDto(session);
  }

  /**
   * The session with its latest messages (at most 50, oldest first). Older messages come from
   * GET /chat/sessions/{id}/messages with `messagesCursor`.
   * @summary One chat session
   */
  @Get('{id}')
  @Example<ChatSessionDetailDto>(SESSION_DETAIL_EXAMPLE)
  @Response<Problem>(404, 'No such session: missing, deleted or not yours (`not_found`)', NOT_FOUND_EXAMPLE)
  public async getSession(@Path() id: string, @Request() req: ExRequest): Promise<ChatSessionDetailDto> {
    return toChatSessionDetailDto(await this.getSessionUseCase.execute(caller(req).id, id));
  }

  /**
   * Older messages, a page at a time going back in time: the messages just before `cursor`
   * (the latest ones without it), oldest first within the page.
   * @summary Older messages of a session
   * @param limit Page size
   * @param cursor The session's messagesCursor, or the previous page's nextCursor
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   */
  @Get('{id}/messages')
  @Example<ChatMessagePage>(MESSAGE_PAGE_EXAMPLE)
  @Response<Problem>(404, 'No such session: missing, deleted or not yours (`not_found`)', NOT_FOUND_EXAMPLE)
  @Response<Problem>(422, 'Invalid limit or cursor (`validation_failed`)', VALIDATION_EXAMPLE)
  public async listMessages(
    @Path() id: string,
    @Request() req: ExRequest,
    @Query() limit = 20,
    @Query() cursor?: string,
  ): Promise<ChatMessagePage> {
    const page = await this.listMessagesUseCase.execute(caller(req).id, id, { limit, cursor });
    return { items: page.items.map(toChatMessageDto), nextCursor: page.nextCursor };
  }

  /**
   * Sets the title. Yours is kept for good: the first message no longer names the session.
   * The session keeps its place in the list.
   * @summary Rename a chat session
   */
  @Patch('{id}')
  @Example<ChatSessionDto>(SESSION_EXAMPLE)
  @Response<Problem>(404, 'No such session: missing, deleted or not yours (`not_found`)', NOT_FOUND_EXAMPLE)
  @Response<Problem>(
    422,
    'Empty or too long title, or unknown fields (`validation_failed`)',
    TITLE_VALIDATION_EXAMPLE,
  )
  public async renameSession(
    @Path() id: string,
    @Body() body: RenameChatSessionRequest,
    @Request() req: ExRequest,
  ): Promise<ChatSessionDto> {
    return toChatSessionDto(await this.renameSessionUseCase.execute(caller(req).id, id, body));
  }

  /**
   * Deletes the session (softly: POST /chat/sessions/{id}/restore undoes it until it is purged,
   * CHAT_RETENTION_DAYS later). A reply streaming in it on this instance is stopped and saved.
   * @summary Delete a chat session
   */
  @Delete('{id}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(
    404,
    'No such session: missing, already deleted or not yours (`not_found`)',
    NOT_FOUND_EXAMPLE,
  )
  public async deleteSession(@Path() id: string, @Request() req: ExRequest): Promise<void> {
    await this.deleteSessionUseCase.execute(caller(req).id, id);
    this.setStatus(204);
  }

  /**
   * Undoes a delete, until the session is purged (CHAT_RETENTION_DAYS after the delete). The
   * session comes back where it was in the list. A session that is not deleted is returned
   * unchanged.
   * @summary Restore a deleted chat session
   */
  @Post('{id}/restore')
  @Example<ChatSessionDto>(SESSION_EXAMPLE)
  @Response<Problem>(
    404,
    'No such session: missing, purged, past retention or not yours (`not_found`)',
    NOT_FOUND_EXAMPLE,
  )
  public async restoreSession(@Path() id: string, @Request() req: ExRequest): Promise<ChatSessionDto> {
    return toChatSessionDto(await this.restoreSessionUseCase.execute(caller(req).id, id));
  }

  /**
   * The whole conversation as a file to download (`Content-Disposition: attachment`):
   * `format=markdown` (the default) answers `text/markdown` — a `# title`, then each message
   * under a `### You|Assistant · <time>` heading, with a note under replies that did not
   * complete; `format=json` answers `application/json` in the versioned `parley.chat.v1`
   * format, which keeps every field needed to import the conversation again.
   * @summary Export a chat session
   * @param format markdown (default) or json
   */
  @Get('{id}/export')
  @Produces('text/markdown')
  @Produces('application/json')
  @Example<ChatExportDto>(EXPORT_JSON_EXAMPLE, 'json')
  @Example<string>(EXPORT_MARKDOWN_EXAMPLE, 'markdown')
  @Response<Problem>(404, 'No such session: missing, deleted or not yours (`not_found`)', NOT_FOUND_EXAMPLE)
  @Response<Problem>(422, 'Unknown format (`validation_failed`)', VALIDATION_EXAMPLE)
  public async exportSession(
    @Path() id: string,
    @Request() req: ExRequest,
    @Query() format: ChatExportFormat = 'markdown',
  ): Promise<ChatExportDto | string> {
    const file = await this.exportSessionUseCase.execute(caller(req).id, id, format);
    const headers = {
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      // A private conversation: no shared cache keeps a copy.
      'Cache-Control': 'private, no-store',
    };
    if (file.format === 'json') {
      for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
      this.setHeader('Content-Type', 'application/json; charset=utf-8');
      return file.body;
    }
    // tsoa would JSON-encode a string body; the Markdown is written as it is, and tsoa sends
    // nothing more once the headers are out.
    req
      .res!.status(200)
      .set({ ...headers, 'Content-Type': 'text/markdown; charset=utf-8' })
      .send(file.body);
    return file.body;
  }
}
