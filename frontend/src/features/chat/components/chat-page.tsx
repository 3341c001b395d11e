import { MessageSquare } from "lucide-react";

/**
 * The chat page's slot. The router renders it at "/" once GET /me says chat is on for the
 * user; the real chat (sessions, streaming replies, quota) replaces this empty state.
 */
export function ChatPage() {
  return (
    <div className="mx-auto grid max-w-md justify-items-center gap-3 py-12 text-center">
      <MessageSquare aria-hidden="true" className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-semibold tracking-tight">Start a chat</h1>
      <p className="text-muted-foreground">Your conversations will appear here.</p>
    </div>
  );
}
