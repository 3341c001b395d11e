import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useCreateSession } from '../api/create-session';
import { useChatLimits } from '../hooks/use-chat-limits';
import { useChatPaused } from '../hooks/use-chat-paused';
import { useDraft } from '../hooks/use-draft';
import { useSendMessage } from '../hooks/use-reply-actions';
import { NEW_CHAT_DRAFT } from '../lib/drafts';
import { ChatComposer } from './chat-composer';
import { ChatHeader } from './chat-header';
import { EmptyChat } from './example-prompts';

/**
 * "/" — an empty chat with example prompts. The first message creates the session, opens it
 * (/c/:id) and streams the reply there.
 */
export function NewChatPage() {
  const [draft, setDraft] = useDraft(NEW_CHAT_DRAFT);
  const create = useCreateSession();
  const { mutate: send } = useSendMessage();
  const limits = useChatLimits();
  const paused = useChatPaused();
  const navigate = useNavigate();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const onSend = (content: string) =>
    create.mutate(undefined, {
      onSuccess: (session) => {
        setDraft('');
        send({ sessionId: session.id, content });
        void navigate(`/c/${session.id}`);
      },
    });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ChatHeader>
        <span className="text-sm text-muted-foreground">New chat</span>
      </ChatHeader>
      <EmptyChat
        heading="Start a chat"
        level={1}
        disabled={limits.blocked || paused}
        onPick={(prompt) => {
          setDraft(prompt);
          textareaRef.current?.focus();
        }}
      />
      <ChatComposer
        value={draft}
        onChange={setDraft}
        onSend={onSend}
        onStop={() => {}}
        state={create.isPending ? 'sending' : 'idle'}
        textareaRef={textareaRef}
      />
    </div>
  );
}
