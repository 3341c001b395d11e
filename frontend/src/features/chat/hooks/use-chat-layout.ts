import { createContext, useContext } from 'react';

interface ChatLayout {
  /** Opens the chat list (a drawer on narrow screens). */
  openSidebar(): void;
}

export const ChatLayoutContext = createContext<ChatLayout>({ openSidebar: () => {} });

export const useChatLayout = (): ChatLayout => useContext(ChatLayoutContext);
