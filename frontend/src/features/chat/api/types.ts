/*
 * Short names for the chat schemas. Aliases only: every shape comes from the generated
 * schema.d.ts, SSE event payloads included.
 */
import type { Schemas } from '@/lib/api/types';

export type ChatSession = Schemas['ChatSessionDto'];
export type ChatSessionDetail = Schemas['ChatSessionDetailDto'];
export type ChatSessionPage = Schemas['ChatSessionPage'];
export type ChatMessage = Schemas['ChatMessageDto'];
export type ChatMessagePage = Schemas['ChatMessagePage'];
export type MessageStatus = Schemas['MessageStatusDto'];
/** A streamed send's events: `message.created`, then the reply's (as GET .../stream sends them). */
export type ChatStreamEvent = Schemas['ChatStreamEvent'];

export type MessageDelta = Schemas['MessageDeltaEventData'];
export type MessageCompleted = Schemas['MessageCompletedEventData'];
export type SendMessageRequest = Schemas['SendMessageRequest'];
export type SendMessageResponse = Schemas['SendMessageResponse'];
export type ExportFormat = Schemas['ChatExportFormat'];
