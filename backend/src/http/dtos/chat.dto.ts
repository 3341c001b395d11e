import type { SessionDetail } from '../../application/chat/get-session.use-case.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import { toChatMessageDto, type ChatMessageDto, type MessageStatusDto } from './chat-message.dto.js';

export interface ChatSessionDto {
  /** @example "019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e" */
  id: string;
  /**
   * 1..200 characters. "New chat" until the first message names it, unless the user set one.
   * @example "Trip to Lisbon in March"
   */
  title: string;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
  /**
   * Creation and every new message move it; a rename does not. Lists sort by it.
   * @format date-time
   */
  lastActivityAt: string;
  /** @isInt */
  messageCount: number;
}

export interface ChatSessionDetailDto extends ChatSessionDto {
  /** The latest ≤ 50 messages, oldest first. */
  messages: ChatMessageDto[];
  /** Pass as `cursor` to GET /chat/sessions/{id}/messages for older messages; null when there are none. */
  messagesCursor: string | null;
}

export interface ChatSessionPage {
  items: ChatSessionDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ChatMessagePage {
  /** Oldest first. */
  items: ChatMessageDto[];
  /** Pass as `cursor` for the page of older messages; null when this page holds the oldest. */
  nextCursor: string | null;
}

export interface CreateChatSessionRequest {
  /**
   * Trimmed; 1..200 characters. Leave it out for "New chat", which the first message replaces.
   * @example "Trip to Lisbon in March"
   */
  title?: string;
}

export interface RenameChatSessionRequest {
  /**
   * Trimmed; 1..200 characters. A title set by the user is never replaced automatically.
   * @example "Lisbon: the itinerary"
   */
  title: string;
}

export type ChatExportFormat = 'markdown' | 'json';

export interface ChatExportSessionDto {
  id: string;
  title: string;
  /** Where the title came from: the default, the first message (`auto`), or the user. */
  titleSource: 'default' | 'auto' | 'user';
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
  /** @format date-time */
  lastActivityAt: string;
  /** @isInt */
  messageCount: number;
}

export interface ChatExportMessageDto {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatusDto;
  /** @isInt */
  tokenCount: number;
  /** True when the provider reported no usage and the count is a local estimate. */
  tokenCountEstimated: boolean;
  model: string | null;
  /** The provider's finish reason of a completed reply (`stop`, `length`, ...). */
  finishReason: string | null;
  /** Why a reply ended badly (`llm_error`, `llm_timeout`, ...). */
  errorCode: string | null;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
}

/**
 * `format=json`: the whole conversation, every message oldest first, versioned for re-import.
 * (`format=markdown` answers text/markdown instead: a `# title`, then each message under a
 * `### You|Assistant · <time>` heading, with a note under replies that did not complete.)
 */
export interface ChatExportDto {
  format: 'parley.chat.v1';
  /** @format date-time */
  exportedAt: string;
  session: ChatExportSessionDto;
  messages: ChatExportMessageDto[];
}

export const toChatSessionDto = (s: ChatSession): ChatSessionDto => ({
  id: s.id,
  title: s.title,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  lastActivityAt: s.lastActivityAt.toISOString(),
  messageCount: s.messageCount,
});

export const toChatSessionDetailDto = (d: SessionDetail): ChatSessionDetailDto => ({
  ...toChatSessionDto(d.session),
  messages: d.messages.map(toChatMessageDto),
  messagesCursor: d.messagesCursor,
});
