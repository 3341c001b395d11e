import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/lib/api/api-error';
import { messagesOf, useSessionMessages } from '../api/get-session';
import { useChatLimits } from '../hooks/use-chat-limits';
import { useChatPaused } from '../hooks/use-chat-paused';
import { useDraft } from '../hooks/use-draft';
import { useReplies, useSessionReplies } from '../hooks/use-replies';
import { useSendMessage, useStopReply } from '../hooks/use-reply-actions';
import { toDisplayMessages } from '../lib/display-messages';
import { isActive, type Exchange } from '../lib/exchange';
import type { ComposerState } from './composer';
import { ChatComposer } from './chat-composer';
import { ChatHeader } from './chat-header';
import { EmptyChat } from './example-prompts';
import { useMarkdownReady } from './markdown';
import { MessageList } from './message-list';

function composerState(exchange: Exchange | null): ComposerState {
  if (!isActive(exchange)) return 'idle';
  // Stop needs the reply's id, which its first event brings a moment after the message.
  return exchange.phase === 'sending' || !exchange.assistantStored ? 'sending' : 'streaming';
}

/** /c/:sessionId — one conversation. */
export function ChatSessionPage() {
  const { sessionId = '' } = useParams();
  // A fresh window per session: its scroll position, draft and list state start over.
  return <ChatWindow key={sessionId} sessionId={sessionId} />;
}

function ChatWindow({ sessionId }: { sessionId: string }) {
  const replies = useReplies();
  const replyState = useSessionReplies(sessionId);
  const { exchange, inlineError } = replyState;
  const limits = useChatLimits();
  const paused = useChatPaused();
  const send = useSendMessage();
  const stop = useStopReply();
  const [draft, setDraft] = useDraft(sessionId);
  const [followSignal, setFollowSignal] = useState(0);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const busy = isActive(exchange);
  const query = useSessionMessages(sessionId);
  const { refetch } = query;

  const server = useMemo(() => messagesOf(query.data?.pages), [query.data]);
  const items = useMemo(() => toDisplayMessages(server, replyState), [server, replyState]);
  const session = query.data?.pages[0]?.session;
  // Opening a conversation with replies: keep the skeleton until they can show formatted.
  const markdownReady = useMarkdownReady();
  const waitForMarkdown = !markdownReady && server.some((m) => m.role === 'assistant');

  // A reply still being written (this page was opened or reloaded mid-reply, or another tab
  // or device sent the message): follow it from where its saved text ends.
  const last = server.at(-1);
  useEffect(() => {
    if (last?.role === 'assistant' && last.status === 'streaming') replies.attach(sessionId, last);
  }, [replies, sessionId, last]);

  const { mutate } = send;
  const sendText = useCallback(
    (content: string) => {
      setFollowSignal((n) => n + 1);
      mutate({ sessionId, content });
    },
    [mutate, sessionId],
  );
  const onSend = (content: string) => {
    setDraft('');
    sendText(content);
  };

  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const loadOlder = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  if (query.isError && !query.data) {
    return <SessionError error={query.error} onRetry={() => void refetch()} />;
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ChatHeader>
        {session ? (
          <h1 className="truncate text-sm font-medium" title={session.title}>
            {session.title}
          </h1>
        ) : (
          <Skeleton className="h-4 w-40" />
        )}
      </ChatHeader>
      {query.isPending || waitForMarkdown ? (
        <MessagesSkeleton />
      ) : items.length === 0 ? (
        <EmptyChat
          heading="What can I help with?"
          level={2}
          disabled={limits.blocked || paused}
          onPick={(prompt) => {
            setDraft(prompt);
            textareaRef.current?.focus();
          }}
        />
      ) : (
        <MessageList
          items={items}
          hasOlder={hasNextPage}
          loadingOlder={isFetchingNextPage}
          onLoadOlder={loadOlder}
          onRetry={sendText}
          retryDisabled={busy || limits.blocked || paused}
          followSignal={followSignal}
        />
      )}
      <ChatComposer
        value={draft}
        onChange={(text) => {
          setDraft(text);
          if (inlineError) replies.clearInlineError(sessionId);
        }}
        onSend={onSend}
        onStop={() => stop.mutate(sessionId)}
        state={composerState(exchange)}
        inlineError={inlineError}
        textareaRef={textareaRef}
      />
    </div>
  );
}

function MessagesSkeleton() {
  return (
    <div className="min-h-0 flex-1 overflow-hidden" aria-busy="true">
      <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-6">
        <span className="sr-only" role="status">
          Loading the conversation…
        </span>
        <Skeleton className="ml-auto h-10 w-2/5 rounded-2xl" />
        <div className="grid gap-2">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
          <Skeleton className="h-4 w-2/3" />
        </div>
        <Skeleton className="ml-auto h-10 w-1/3 rounded-2xl" />
        <div className="grid gap-2">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-3/4" />
        </div>
      </div>
    </div>
  );
}

function SessionError({ error, onRetry }: { error: Error; onRetry(): void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ChatHeader />
      <div role="alert" className="mx-auto grid max-w-md justify-items-center gap-3 px-4 py-16 text-center">
        <h1 className="text-xl font-semibold tracking-tight">
          {notFound ? 'This chat does not exist' : 'This chat could not be loaded'}
        </h1>
        <p className="text-muted-foreground">
          {notFound
            ? 'It may have been deleted, or the address is wrong.'
            : error instanceof ApiError
              ? (error.detail ?? error.title)
              : 'Something went wrong while loading it.'}
        </p>
        <div className="flex flex-wrap justify-center gap-2">
          {!notFound && <Button onClick={onRetry}>Try again</Button>}
          <Button asChild variant={notFound ? 'default' : 'outline'}>
            <Link to="/">Start a new chat</Link>
          </Button>
        </div>
      </div>
    </div>
  );
}
