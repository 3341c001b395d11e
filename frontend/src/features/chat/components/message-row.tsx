import { CircleAlert, CircleStop, RotateCcw, Sparkles, TriangleAlert } from 'lucide-react';
import { memo, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import type { MessageStatus } from '../api/types';
import type { DisplayMessage } from '../lib/display-messages';
import { formatMessageTime } from '../lib/format-time';
import { CopyButton } from './copy-button';
import { Markdown } from './markdown';
import { TypingIndicator } from './typing-indicator';

interface MessageRowProps {
  item: DisplayMessage;
  /** Sends the text again (a new send, with a new Idempotency-Key). */
  onRetry(text: string): void;
  /** A reply is on its way, or sending is blocked: Retry waits. */
  retryDisabled: boolean;
}

function Time({ iso }: { iso: string }) {
  const { label, title } = formatMessageTime(iso);
  return (
    <time dateTime={iso} title={title} className="text-xs text-muted-foreground">
      {label}
    </time>
  );
}

const ENDINGS: Record<
  Exclude<MessageStatus, 'complete'>,
  { label: string; fallback: string; icon: ReactNode }
> = {
  cancelled: {
    label: 'Stopped',
    fallback: 'The reply was stopped before it finished.',
    icon: <CircleStop aria-hidden="true" />,
  },
  interrupted: {
    label: 'Interrupted',
    fallback: 'The reply was cut short.',
    icon: <TriangleAlert aria-hidden="true" />,
  },
  error: {
    label: 'Error',
    fallback: 'The model could not answer.',
    icon: <CircleAlert aria-hidden="true" />,
  },
  streaming: {
    label: 'Still being written',
    fallback: 'This reply is still being written.',
    icon: <Sparkles aria-hidden="true" />,
  },
};

/**
 * The stored reason (`errorCode`, API.md's table of endings), in words, for a reply this page
 * did not see end (reloaded, followed from another tab, stopped elsewhere).
 */
const STORED_REASONS: Record<string, string> = {
  cancelled: 'The reply was stopped before it finished.',
  stopped: 'The reply was stopped before it finished.',
  session_deleted: 'The chat was deleted while the reply was being written.',
  feature_disabled: 'Chat was switched off while the reply was being written.',
  llm_error: 'The model provider answered with an error.',
  llm_timeout: 'The model took too long to answer.',
  llm_unavailable: 'The model was temporarily unavailable.',
  shutdown: 'The server restarted while the reply was being written.',
  instance_lost: 'The server writing the reply went away.',
};

function Ending({ status, reason }: { status: Exclude<MessageStatus, 'complete'>; reason: string | null }) {
  const ending = ENDINGS[status];
  return (
    <p
      data-status={status}
      className={cn(
        'mt-2 flex items-start gap-2 rounded-md border px-3 py-2 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0',
        status === 'error'
          ? 'border-red-300 text-red-800 dark:border-red-900 dark:text-red-300'
          : status === 'streaming'
            ? 'text-muted-foreground'
            : 'border-amber-300 text-amber-900 dark:border-amber-900 dark:text-amber-200',
      )}
    >
      {ending.icon}
      <span>
        <span className="font-medium">{ending.label}: </span>
        {reason ?? ending.fallback}
      </span>
    </p>
  );
}

function UserMessage({ item }: { item: DisplayMessage }) {
  const { message, sending } = item;
  return (
    <article aria-label="You" className="group flex flex-col items-end gap-1">
      <div className="max-w-[85%] rounded-2xl bg-secondary px-4 py-2.5 break-words whitespace-pre-wrap text-secondary-foreground">
        {message.content}
      </div>
      <div className="flex items-center gap-1">
        {sending ? (
          <span className="text-xs text-muted-foreground">Sending…</span>
        ) : (
          <Time iso={message.createdAt} />
        )}
        <CopyButton text={message.content} label="Copy message" />
      </div>
    </article>
  );
}

function AssistantMessage({ item, onRetry, retryDisabled }: MessageRowProps) {
  const { message, live, reason, retryText } = item;
  const { content, status } = message;
  return (
    <article aria-label="Assistant" className="group grid gap-1">
      <div className="flex items-center gap-2 text-sm font-medium">
        <span className="grid size-6 place-items-center rounded-full border bg-background">
          <Sparkles aria-hidden="true" className="size-3.5" />
        </span>
        Assistant
        <Time iso={message.createdAt} />
      </div>
      {/* The reply streams in here: screen readers read it once it is complete (aria-busy). */}
      <div aria-live="polite" aria-busy={live} className="min-w-0 pl-8">
        {content !== '' && <Markdown content={content} />}
        {live && content === '' && <TypingIndicator />}
        {live && content !== '' && (
          <span
            aria-hidden="true"
            className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-foreground/70 align-text-bottom motion-reduce:animate-none"
          />
        )}
      </div>
      <div className="pl-8">
        {status !== 'complete' && !live && (
          <Ending status={status} reason={reason ?? STORED_REASONS[message.errorCode ?? ''] ?? null} />
        )}
        {!live && (
          <div className="mt-1 flex items-center gap-1">
            {content !== '' && <CopyButton text={content} label="Copy message" />}
            {retryText !== null && (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                className="text-muted-foreground hover:text-foreground"
                disabled={retryDisabled}
                onClick={() => onRetry(retryText)}
              >
                <RotateCcw aria-hidden="true" />
                Retry
              </Button>
            )}
          </div>
        )}
      </div>
    </article>
  );
}

/** One message. Memoised: during a stream only the row being written renders again. */
export const MessageRow = memo(function MessageRow(props: MessageRowProps) {
  return props.item.message.role === 'user' ? (
    <UserMessage item={props.item} />
  ) : (
    <AssistantMessage {...props} />
  );
});
