import { useEffect, useMemo, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';
import { ChatLayoutContext } from '../hooks/use-chat-layout';
import { ChatLimitsContext, type ChatLimits } from '../hooks/use-chat-limits';
import { ChatPausedContext } from '../hooks/use-chat-paused';
import { RepliesContext } from '../hooks/use-replies';
import { useReplyRuns } from '../hooks/use-reply-runs';
import { useSessionDeletion } from '../hooks/use-session-deletion';
import { ChatSidebar } from './chat-sidebar';
import { preloadMarkdown } from './markdown';
import { OWN_ESCAPE } from './session-list-item';

const NO_LIMITS: ChatLimits = { blocked: false };

function SidebarError({ reset }: { reset(): void }) {
  return (
    <div role="alert" className="grid justify-items-start gap-2 p-4 text-sm">
      <p>The chat list ran into a problem.</p>
      <Button variant="outline" size="sm" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}

interface ChatPageProps {
  limits?: ChatLimits;
  /**
   * Chat is paused for this user (switched off after they had chats): the history stays
   * readable and manageable, nothing new can be sent.
   */
  paused?: boolean;
}

/**
 * The chat page (for users the rollout has reached, or whose chat is paused): the chat list
 * beside the open conversation ("/" for a new one, "/c/:sessionId" for a session). On narrow
 * screens the list is a drawer. Replies are followed here, above the routes, so changing chats
 * does not lose them.
 */
export function ChatPage({ limits = NO_LIMITS, paused = false }: ChatPageProps) {
  const replies = useReplyRuns(limits);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  const onDelete = useSessionDeletion();

  // Opening a chat from the drawer closes it: adjusted while rendering the new path, not in an
  // effect after it (react.dev, "Adjusting some state when a prop changes").
  const [drawerPath, setDrawerPath] = useState(pathname);
  if (drawerPath !== pathname) {
    setDrawerPath(pathname);
    setDrawerOpen(false);
  }

  // The Markdown renderer is a separate chunk: fetch it while the page settles.
  useEffect(() => preloadMarkdown(), []);

  // The drawer is opened from a button in the page (not a Radix trigger): focus goes back
  // to whatever opened it when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const layout = useMemo(
    () => ({
      openSidebar: () => {
        opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setDrawerOpen(true);
      },
    }),
    [],
  );

  const sidebar = (
    <ErrorBoundary fallback={({ reset }) => <SidebarError reset={reset} />}>
      <ChatSidebar onDelete={onDelete} />
    </ErrorBoundary>
  );

  return (
    <RepliesContext.Provider value={replies}>
      <ChatPausedContext.Provider value={paused}>
        <ChatLimitsContext.Provider value={limits}>
          <ChatLayoutContext.Provider value={layout}>
            <div className="flex min-h-0 flex-1">
              <aside className="hidden w-72 shrink-0 flex-col border-r bg-muted/30 md:flex">{sidebar}</aside>
              <Sheet open={drawerOpen} onOpenChange={setDrawerOpen}>
                <SheetContent
                  side="left"
                  aria-describedby={undefined}
                  className="pt-12 md:hidden"
                  overlayClassName="md:hidden"
                  onCloseAutoFocus={(event) => {
                    if (!opener.current?.isConnected) return;
                    event.preventDefault();
                    opener.current.focus();
                  }}
                  onEscapeKeyDown={(event) => {
                    // Escape in the rename or search field is theirs (cancel, clear).
                    const target = event.target instanceof Element ? event.target : null;
                    if (target?.closest(`[${OWN_ESCAPE}]`)) event.preventDefault();
                  }}
                >
                  <SheetTitle className="absolute top-4 left-4">Chats</SheetTitle>
                  {sidebar}
                </SheetContent>
              </Sheet>
              <div className="flex min-w-0 flex-1 flex-col">
                <Outlet />
              </div>
            </div>
          </ChatLayoutContext.Provider>
        </ChatLimitsContext.Provider>
      </ChatPausedContext.Provider>
    </RepliesContext.Provider>
  );
}
