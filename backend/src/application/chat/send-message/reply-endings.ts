import type { ChatMessage, FinalStatus } from '../../../domain/chat/message.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { ReplyStopReason } from './ports/reply-control.port.js';
import {
  toLoggedMessage,
  type FinalReplyEvent,
  type JsonValue,
  type ReplyFailure,
  type ReplyUsage,
} from './ports/reply-log.port.js';

/*
 * How a reply ends: API.md's table ("Replies that outlive the connection") as code. Every
 * ending gives the row its status and errorCode, decides the final event of the log and
 * whether the daily unit goes back. The one place these rules are written.
 *
 * | cause                          | status / errorCode                     | final event        | unit              |
 * | completed                      | complete                               | message.completed  | kept              |
 * | size cap                       | complete, finishReason max_length      | message.completed  | kept              |
 * | Stop                           | cancelled / stopped                    | message.completed  | kept              |
 * | session deleted                | cancelled / session_deleted            | message.completed  | kept              |
 * | chat switched off for the user | cancelled / feature_disabled           | message.completed  | back if no text   |
 * | model error or cut             | error (no text) or interrupted / code  | error 502          | back if no text   |
 * | first-token, idle, total time  | error or interrupted / llm_timeout     | error 504          | back if no text   |
 * | shutdown past its grace        | interrupted / shutdown                 | error 503          | back if no text   |
 * | instance lost (swept)          | interrupted / instance_lost            | error 503          | kept              |
 */

/** Why a run ends. */
export type EndCause =
  | { readonly kind: 'completed'; readonly finishReason: string | null }
  | { readonly kind: 'size_cap' }
  | { readonly kind: 'stopped'; readonly reason: ReplyStopReason }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'shutdown' };

export interface ReplyEnding {
  readonly status: FinalStatus;
  readonly errorCode: string | null;
  readonly finishReason: string | null;
  /** Set when the final event is `error`; null for `message.completed`. */
  readonly failure: ReplyFailure | null;
  /** Whether the daily unit goes back to the user. */
  readonly refund: boolean;
}

/** The finish reason stored when a reply reached its size cap. */
export const MAX_LENGTH = 'max_length';

export function replyEnding(cause: EndCause, hasText: boolean): ReplyEnding {
  const ending = (
    status: FinalStatus,
    errorCode: string | null,
    extra: Partial<Pick<ReplyEnding, 'finishReason' | 'failure' | 'refund'>> = {},
  ): ReplyEnding => ({ status, errorCode, finishReason: null, failure: null, refund: false, ...extra });
  switch (cause.kind) {
    case 'completed':
      return ending('complete', null, { finishReason: cause.finishReason });
    case 'size_cap':
      return ending('complete', null, { finishReason: MAX_LENGTH });
    case 'stopped':
      return ending('cancelled', cause.reason, {
        refund: cause.reason === 'feature_disabled' && !hasText,
      });
    case 'shutdown':
      return ending('interrupted', 'shutdown', { failure: failureFor('shutdown'), refund: !hasText });
    case 'failed': {
      const failure = failureOf(cause.error);
      return ending(hasText ? 'interrupted' : 'error', failure.code, { failure, refund: !hasText });
    }
  }
}

/** A reply's failure as its log and its row keep it: the domain error's code and safe message. */
export function failureOf(error: unknown): ReplyFailure {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: toJson(error.details) };
  }
  return failureFor('internal_error');
}

const STORED_FAILURES: Record<string, { code: string; message: string }> = {
  llm_error: { code: 'llm_error', message: 'The model provider failed while writing this reply.' },
  llm_timeout: { code: 'llm_timeout', message: 'The model took too long to write this reply.' },
  llm_unavailable: { code: 'llm_unavailable', message: 'The model was unavailable.' },
  shutdown: {
    code: 'service_unavailable',
    message: 'The server shut down before the reply was finished.',
  },
  instance_lost: {
    code: 'service_unavailable',
    message: 'The server writing this reply went away; the reply keeps the text saved last.',
  },
  service_unavailable: {
    code: 'service_unavailable',
    message: 'A service the reply needed was not available.',
  },
  internal_error: { code: 'internal_error', message: 'Something went wrong while writing this reply.' },
};

/** The failure for a stored errorCode (the sweeper's, shutdown's, or a row read back after its log expired). */
export function failureFor(errorCode: string | null): ReplyFailure {
  const known = STORED_FAILURES[errorCode ?? 'internal_error'] ?? STORED_FAILURES.internal_error!;
  return { ...known, details: errorCode && errorCode !== known.code ? { reason: errorCode } : {} };
}

/**
 * The final event a stored reply that has ended stands for: what a reader gets when the log
 * is gone (it expired, or it was never written where the reader looks).
 */
export function finalEventOf(message: ChatMessage, usage: ReplyUsage | null = null): FinalReplyEvent {
  if (message.status === 'interrupted' || message.status === 'error') {
    return {
      type: 'error',
      messageId: message.id,
      status: message.status,
      failure: failureFor(message.errorCode),
    };
  }
  return { type: 'message.completed', message: toLoggedMessage(message), usage };
}

function toJson(details: Readonly<Record<string, unknown>>): { readonly [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(details)) as { readonly [key: string]: JsonValue };
}
