import { createContext, useContext } from 'react';

/**
 * Chat is paused for this user by an administrator (the app layer reads it from GET /me):
 * reading, searching, exporting, renaming, deleting and restoring chats go on; starting a chat
 * and sending do not.
 */
export const ChatPausedContext = createContext(false);

export const useChatPaused = (): boolean => useContext(ChatPausedContext);
