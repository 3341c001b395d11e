/*
 * The conversation, virtualised (@tanstack/react-virtual): only the rows near the viewport
 * are in the DOM, so a conversation of thousands of messages scrolls like a short one. The
 * virtualiser is anchored to the end, as chats are:
 *  - it opens at the latest message;
 *  - it follows new rows and a growing (streaming) last row only while the reader is at the
 *    bottom; scrolling up stops that, and "Jump to latest" brings it back;
 *  - older pages prepended on scroll-up keep the row being read where it is on screen.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown } from 'lucide-react';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import type { DisplayMessage } from '../lib/display-messages';
import { MessageRow } from './message-row';

interface MessageListProps {
  items: DisplayMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder(): void;
  onRetry(text: string): void;
  retryDisabled: boolean;
  /** Changes when the user sends: the list jumps to the end even if they had scrolled up. */
  followSignal: number;
}

const HEADER_HEIGHT = 56;
const END_THRESHOLD_PX = 80;
const LOAD_OLDER_WITHIN_PX = 400;

/** Memoised: typing in the input does not re-render the conversation. */
export const MessageList = memo(function MessageList({
  items,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onRetry,
  retryDisabled,
  followSignal,
}: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const ready = useRef(false);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (items[index]?.message.role === 'user' ? 88 : 200),
    getItemKey: (index) => items[index]?.key ?? index,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: END_THRESHOLD_PX,
    overscan: 6,
    paddingStart: HEADER_HEIGHT,
    paddingEnd: 24,
  });

  // Open at the latest message.
  useLayoutEffect(() => {
    if (ready.current || items.length === 0) return;
    virtualizer.scrollToEnd();
    ready.current = true;
  }, [items.length, virtualizer]);

  // The user sent something: show it, wherever they were.
  const firstSignal = useRef(followSignal);
  useEffect(() => {
    if (followSignal === firstSignal.current) return;
    virtualizer.scrollToEnd();
    setAtEnd(true);
  }, [followSignal, virtualizer]);

  const maybeLoadOlder = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !ready.current || !hasOlder || loadingOlder) return;
    if (element.scrollTop < LOAD_OLDER_WITHIN_PX) onLoadOlder();
  }, [hasOlder, loadingOlder, onLoadOlder]);

  const onScroll = () => {
    // Read from the element: React's handler runs before the virtualiser has seen this scroll.
    const element = scrollRef.current;
    if (element) {
      const fromEnd = element.scrollHeight - element.scrollTop - element.clientHeight;
      setAtEnd(fromEnd <= END_THRESHOLD_PX);
    }
    maybeLoadOlder();
  };

  // A short first page may not fill the screen, so there is nothing to scroll: load on.
  useEffect(() => {
    maybeLoadOlder();
  }, [items.length, maybeLoadOlder]);

  const jumpToLatest = () => {
    virtualizer.scrollToEnd({ behavior: 'smooth' });
    setAtEnd(true);
  };

  const virtualItems = virtualizer.getVirtualItems();
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        // Focusable so keyboard users can scroll it; named for screen readers.
        tabIndex={0}
        role="region"
        aria-label="Messages"
        className="h-full overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          <div
            className="absolute inset-x-0 top-0 flex items-center justify-center"
            style={{ height: HEADER_HEIGHT }}
          >
            {loadingOlder ? (
              <Spinner label="Loading older messages…" />
            ) : hasOlder ? (
              <Button type="button" variant="ghost" size="sm" onClick={onLoadOlder}>
                Load older messages
              </Button>
            ) : (
              <span className="text-xs text-muted-foreground">Beginning of the conversation</span>
            )}
          </div>
          {virtualItems.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="absolute inset-x-0 top-0"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <div className="mx-auto w-full max-w-3xl px-4 py-3">
                  <MessageRow item={item} onRetry={onRetry} retryDisabled={retryDisabled} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd && (
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={jumpToLatest}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
        >
          <ArrowDown aria-hidden="true" />
          Jump to latest
        </Button>
      )}
    </div>
  );
});
