import { CirclePause, WifiOff } from 'lucide-react';
import type { RefObject } from 'react';
import type { ApiError } from '@/lib/api/api-error';
import { useClientConfig } from '@/lib/api/get-config';
import { useChatLimits } from '../hooks/use-chat-limits';
import { useChatPaused } from '../hooks/use-chat-paused';
import { useOnlineStatus } from '../hooks/use-online-status';
import { Composer, type ComposerState } from './composer';

interface ChatComposerProps {
  value: string;
  onChange(text: string): void;
  onSend(text: string): void;
  onStop(): void;
  state: ComposerState;
  inlineError?: ApiError | null;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

// Focus the input on arrival with a mouse or trackpad; on a phone it would open the keyboard.
const finePointer = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(pointer: fine)').matches === true;

/** The input wired to the server's length limit, the quota, the connection and the chat flag. */
export function ChatComposer(props: ChatComposerProps) {
  const limits = useChatLimits();
  const paused = useChatPaused();
  const config = useClientConfig();
  const online = useOnlineStatus();
  const notice = paused ? (
    <p className="flex items-start gap-2 text-sm text-muted-foreground">
      <CirclePause aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>
        <span className="font-medium text-foreground">Chat is paused by your administrator.</span> Your chats
        are still here to read, search, export, rename or delete.
      </span>
    </p>
  ) : limits.blocked ? (
    limits.notice
  ) : !online ? (
    <p className="flex items-center gap-2 text-sm text-muted-foreground">
      <WifiOff aria-hidden="true" className="size-4" />
      You are offline. Your message stays here; send it once you are back online.
    </p>
  ) : null;
  return (
    <Composer
      {...props}
      maxLength={config.data?.limits.maxMessageLength}
      blocked={limits.blocked || paused}
      blockedPlaceholder={paused ? 'Chat is paused by your administrator' : undefined}
      notice={notice}
      footer={paused ? null : limits.display}
      sendDisabled={!online}
      error={props.inlineError}
      autoFocus={!paused && finePointer()}
    />
  );
}
