import type { ChatMessageRepository, ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { Clock } from '../ports/clock.port.js';
import { exportFileStem, toExportJson, toExportMarkdown, type ChatExportV1 } from './chat-export.js';
import { ownedSession } from './owned-session.js';

export type ExportFormat = 'markdown' | 'json';

export type SessionExport =
  | { format: 'markdown'; fileName: string; body: string }
  | { format: 'json'; fileName: string; body: ChatExportV1 };

/** The whole conversation, every message, as a file to download (see chat-export.ts for the formats). */
export class ExportSession {
  constructor(
    private readonly sessions: ChatSessionRepository,
    private readonly messages: ChatMessageRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, id: string, format: ExportFormat): Promise<SessionExport> {
    const session = await ownedSession(this.sessions, userId, id);
    const messages = await this.messages.all(session.id);
    const stem = exportFileStem(session.title);
    return format === 'json'
      ? { format, fileName: `${stem}.json`, body: toExportJson(session, messages, this.clock.now()) }
      : { format, fileName: `${stem}.md`, body: toExportMarkdown(session, messages) };
  }
}
