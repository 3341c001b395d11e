import { CirclePause, MessageSquare } from 'lucide-react';
import { useChatPaused } from '../hooks/use-chat-paused';
import { EXAMPLE_PROMPTS } from '../lib/example-prompts';

interface EmptyChatProps {
  /** The page's heading (an <h1> on "/", an <h2> under the session's title). */
  heading: string;
  level: 1 | 2;
  onPick(prompt: string): void;
  disabled?: boolean;
}

/**
 * An empty conversation: a few prompts to start from (picking one fills the input), or, while
 * chat is paused, where the user's chats are.
 */
export function EmptyChat({ heading, level, onPick, disabled = false }: EmptyChatProps) {
  const Heading = level === 1 ? 'h1' : 'h2';
  const paused = useChatPaused();
  if (paused) {
    return (
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto grid max-w-md justify-items-center gap-3 px-4 py-10 text-center">
          <CirclePause aria-hidden="true" className="size-10 text-muted-foreground" />
          <Heading className="text-2xl font-semibold tracking-tight">Chat is paused</Heading>
          <p className="text-muted-foreground">
            Your administrator has paused chat for now. Your chats are still in the list, to read, search,
            export, rename or delete.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto grid max-w-2xl gap-6 px-4 py-10">
        <div className="grid justify-items-center gap-3 text-center">
          <MessageSquare aria-hidden="true" className="size-10 text-muted-foreground" />
          <Heading className="text-2xl font-semibold tracking-tight">{heading}</Heading>
          <p className="text-muted-foreground">Ask anything, or start from one of these.</p>
        </div>
        <ul className="grid gap-2 sm:grid-cols-2" aria-label="Example prompts">
          {EXAMPLE_PROMPTS.map(({ title, prompt }) => (
            <li key={title}>
              <button
                type="button"
                disabled={disabled}
                onClick={() => onPick(prompt)}
                className="grid h-full w-full gap-1 rounded-xl border px-4 py-3 text-left text-sm transition-colors hover:bg-accent disabled:opacity-50"
              >
                <span className="font-medium">{title}</span>
                <span className="text-muted-foreground">{prompt}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
