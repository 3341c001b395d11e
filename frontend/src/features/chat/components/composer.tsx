import { ArrowUp, LoaderCircle, Square } from 'lucide-react';
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import type { ApiError } from '@/lib/api/api-error';
import { cn } from '@/lib/utils';

export type ComposerState = 'idle' | 'sending' | 'streaming';

interface ComposerProps {
  value: string;
  onChange(text: string): void;
  onSend(text: string): void;
  onStop(): void;
  state: ComposerState;
  /** Characters allowed per message (GET /config); undefined while it loads. */
  maxLength: number | undefined;
  /** Sending is refused (quota used up, chat paused): the textarea is disabled and `notice` says why. */
  blocked: boolean;
  /** What the disabled textarea says while `blocked`. */
  blockedPlaceholder?: string;
  /** Why the input is blocked or cannot send (limits, offline). */
  notice?: ReactNode;
  /** A 422 for the last send. */
  error?: ApiError | null;
  /** Shown on the left under the input (the quota). */
  footer?: ReactNode;
  /** Sending is off for now (offline) though typing is fine. */
  sendDisabled?: boolean;
  autoFocus?: boolean;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

const MAX_HEIGHT_PX = 240;
const count = new Intl.NumberFormat();

/**
 * The message input: grows with its text, Enter sends, Shift+Enter starts a new line, a
 * character count against the server's limit, Send (with its loading state) or Stop.
 */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  state,
  maxLength,
  blocked,
  blockedPlaceholder = 'Sending is paused until your limit resets',
  notice,
  error,
  footer,
  sendDisabled = false,
  autoFocus = false,
  textareaRef,
}: ComposerProps) {
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const id = useId();
  const countId = `${id}-count`;
  const noticeId = `${id}-notice`;
  const errorId = `${id}-error`;

  // Grow with the text, up to a cap after which it scrolls.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [value, ref]);

  const length = value.trim().length;
  const tooLong = maxLength !== undefined && value.length > maxLength;
  const canSend = state === 'idle' && length > 0 && !tooLong && !blocked && !sendDisabled;

  const submit = () => {
    if (canSend) onSend(value.trim());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  const fieldErrors = error?.errors.length
    ? error.errors.map((e) => (e.path === 'content' ? e.message : `${e.path}: ${e.message}`))
    : error
      ? [error.detail ?? error.title]
      : [];

  const describedBy = [countId, notice ? noticeId : '', fieldErrors.length ? errorId : '']
    .filter(Boolean)
    .join(' ');

  return (
    <form
      aria-label="Send a message"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      className="mx-auto grid w-full max-w-3xl gap-2 px-4 pt-2 pb-4"
    >
      {notice && (
        <div id={noticeId} role="status">
          {notice}
        </div>
      )}
      {fieldErrors.length > 0 && (
        <div id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {fieldErrors.map((message) => (
            <p key={message}>{message.charAt(0).toUpperCase() + message.slice(1)}</p>
          ))}
        </div>
      )}
      <div
        className={cn(
          // The textarea draws no outline of its own: the whole box shows focus.
          'rounded-2xl border bg-background shadow-xs transition-colors has-[textarea:focus-visible]:ring-2 has-[textarea:focus-visible]:ring-ring',
          blocked && 'opacity-70',
        )}
      >
        <label htmlFor={id} className="sr-only">
          Message
        </label>
        <textarea
          id={id}
          ref={ref}
          rows={1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          disabled={blocked}
          autoFocus={autoFocus}
          placeholder={blocked ? blockedPlaceholder : 'Message Parley…'}
          aria-describedby={describedBy}
          aria-invalid={tooLong || fieldErrors.length > 0 ? true : undefined}
          className="block max-h-60 min-h-12 w-full resize-none bg-transparent px-4 pt-3 pb-1 text-base placeholder:text-muted-foreground focus-visible:outline-none disabled:cursor-not-allowed md:text-sm"
        />
        <div className="flex flex-wrap items-center justify-between gap-2 px-3 pb-2">
          <div className="min-w-0">{footer}</div>
          <div className="ml-auto flex items-center gap-2">
            <span
              id={countId}
              className={cn(
                'text-xs tabular-nums',
                tooLong ? 'font-medium text-red-700 dark:text-red-400' : 'text-muted-foreground',
              )}
            >
              <span aria-hidden="true">
                {count.format(value.length)}
                {maxLength !== undefined && ` / ${count.format(maxLength)}`}
              </span>
              <span className="sr-only">
                {count.format(value.length)} characters
                {maxLength !== undefined && ` of ${count.format(maxLength)} allowed`}
                {tooLong && ', too long to send'}
              </span>
            </span>
            {state === 'streaming' ? (
              <Button
                type="button"
                size="icon"
                variant="secondary"
                onClick={onStop}
                aria-label="Stop generating"
                className="size-8 rounded-full"
              >
                <Square aria-hidden="true" className="size-3.5 fill-current" />
              </Button>
            ) : (
              <Button
                type="submit"
                size="icon"
                aria-label={state === 'sending' ? 'Sending…' : 'Send message'}
                disabled={!canSend}
                className="size-8 rounded-full"
              >
                {state === 'sending' ? (
                  <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" />
                ) : (
                  <ArrowUp aria-hidden="true" />
                )}
              </Button>
            )}
          </div>
        </div>
      </div>
      <p className="text-center text-xs text-muted-foreground max-sm:hidden">
        Enter to send, Shift+Enter for a new line.
      </p>
    </form>
  );
}
