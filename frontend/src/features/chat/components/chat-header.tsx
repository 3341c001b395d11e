import { Menu } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { useChatLayout } from '../hooks/use-chat-layout';
import { ConnectionStatus } from './connection-status';
import { ReplyNotificationsToggle } from './reply-notifications-toggle';

/**
 * The bar above a conversation: the chat list button (narrow screens), the title, the
 * connection's status, the switch for "reply ready" notifications.
 */
export function ChatHeader({ children }: { children?: ReactNode }) {
  const { openSidebar } = useChatLayout();
  return (
    <div className="flex h-12 shrink-0 items-center gap-2 border-b px-2 md:px-4">
      <Button
        variant="ghost"
        size="icon"
        aria-label="Open the chat list"
        onClick={openSidebar}
        className="md:hidden"
      >
        <Menu aria-hidden="true" />
      </Button>
      <div className="min-w-0 flex-1">{children}</div>
      <ConnectionStatus />
      <ReplyNotificationsToggle />
    </div>
  );
}
