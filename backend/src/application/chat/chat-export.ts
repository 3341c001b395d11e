import type { ChatSession, TitleSource } from '../../domain/chat/chat-session.entity.js';
import type { ChatMessage, MessageRole, MessageStatus } from '../../domain/chat/message.js';

/*
 * The two export formats. JSON is the archive: versioned (`format`), every field needed to
 * import the conversation again, nothing that only makes sense inside this database (no user
 * id, no deletion state). Markdown is for people: a title heading, then each message under a
 * heading naming who wrote it and when, with a note where a reply did not complete.
 */

export const EXPORT_FORMAT_V1 = 'parley.chat.v1' as const;

export interface ChatExportV1 {
  format: 'parley.chat.v1';
  exportedAt: string;
  session: {
    id: string;
    title: string;
    titleSource: TitleSource;
    createdAt: string;
    updatedAt: string;
    lastActivityAt: string;
    messageCount: number;
  };
  messages: {
    id: string;
    role: MessageRole;
    content: string;
    status: MessageStatus;
    tokenCount: number;
    tokenCountEstimated: boolean;
    model: string | null;
    finishReason: string | null;
    errorCode: string | null;
    createdAt: string;
    updatedAt: string;
  }[];
}

export function toExportJson(
  session: ChatSession,
  messages: readonly ChatMessage[],
  exportedAt: Date,
): ChatExportV1 {
  return {
    format: EXPORT_FORMAT_V1,
    exportedAt: exportedAt.toISOString(),
    session: {
      id: session.id,
      title: session.title,
      titleSource: session.titleSource,
      createdAt: session.createdAt.toISOString(),
      updatedAt: session.updatedAt.toISOString(),
      lastActivityAt: session.lastActivityAt.toISOString(),
      messageCount: session.messageCount,
    },
    messages: messages.map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      status: m.status,
      tokenCount: m.tokenCount,
      tokenCountEstimated: m.tokenCountEstimated,
      model: m.model,
      finishReason: m.finishReason,
      errorCode: m.errorCode,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    })),
  };
}

const AUTHOR: Record<MessageRole, string> = { user: 'You', assistant: 'Assistant' };

const STATUS_NOTE: Record<Exclude<MessageStatus, 'complete'>, string> = {
  streaming: '_(This reply was still being written when the chat was exported.)_',
  cancelled: '_(This reply was stopped before it finished.)_',
  interrupted: '_(This reply was cut short: the model stopped answering.)_',
  error: '_(No reply: the model failed to answer.)_',
};

/** ISO 8601 to the second: milliseconds are noise to a reader. */
const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function toExportMarkdown(session: ChatSession, messages: readonly ChatMessage[]): string {
  const blocks = [`# ${session.title}`];
  for (const m of messages) {
    const parts = [`### ${AUTHOR[m.role]} · ${isoSeconds(m.createdAt)}`];
    if (m.content.length > 0) parts.push(m.content.trimEnd());
    if (m.status !== 'complete') parts.push(STATUS_NOTE[m.status]);
    blocks.push(parts.join('\n\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * A file name from the title: ASCII letters and digits joined by dashes, at most 60
 * characters, never empty. Safe inside a quoted Content-Disposition filename as it is.
 */
export function exportFileStem(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'chat';
}
