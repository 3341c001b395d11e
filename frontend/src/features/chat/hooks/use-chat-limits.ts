import { createContext, useContext, type ReactNode } from 'react';
import type { ApiError } from '@/lib/api/api-error';

/**
 * What the chat needs from the limits feature. Features do not import each other: the app
 * layer builds this from features/limits and hands it to the chat page.
 */
export interface ChatLimits {
  /** Sending is refused until a limit resets. */
  blocked: boolean;
  /** Why, and until when (shown next to the input while `blocked`). */
  notice?: ReactNode;
  /** Used and left, shown under the input. */
  display?: ReactNode;
  /** A send reached the model (any outcome): the numbers changed. */
  onSendSettled?(): void;
  /** A send was refused with 429: the problem body carries the numbers. */
  onLimitError?(error: ApiError): void;
}

const NO_LIMITS: ChatLimits = { blocked: false };

export const ChatLimitsContext = createContext<ChatLimits>(NO_LIMITS);

export const useChatLimits = (): ChatLimits => useContext(ChatLimitsContext);
