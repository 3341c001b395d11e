import { FileJson, FileText, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';
import { useExportSession } from '../api/export-session';
import { useRenameSession } from '../api/rename-session';
import type { ChatSession } from '../api/types';

interface SessionListItemProps {
  session: ChatSession;
  active: boolean;
  onDelete(session: ChatSession): void;
}

/** Marks an element whose Escape is its own (the drawer must not close on it). */
export const OWN_ESCAPE = 'data-own-escape';

function RenameForm({ session, onDone }: { session: ChatSession; onDone(): void }) {
  const [title, setTitle] = useState(session.title);
  const rename = useRenameSession();
  const finished = useRef(false);

  const finish = (save: boolean) => {
    if (finished.current) return;
    finished.current = true;
    const next = title.trim();
    if (save && next !== '' && next !== session.title) rename.mutate({ id: session.id, title: next });
    onDone();
  };

  return (
    <form
      className="px-1 py-1"
      onSubmit={(event) => {
        event.preventDefault();
        finish(true);
      }}
    >
      <Input
        autoFocus
        {...{ [OWN_ESCAPE]: '' }}
        aria-label="Chat title"
        value={title}
        maxLength={200}
        onChange={(event) => setTitle(event.target.value)}
        onFocus={(event) => event.currentTarget.select()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            finish(false);
          }
        }}
        onBlur={() => finish(true)}
        className="h-8"
      />
    </form>
  );
}

/** One chat in the list: open it, or rename, export or delete it from its menu. */
export function SessionListItem({ session, active, onDelete }: SessionListItemProps) {
  const [renaming, setRenaming] = useState(false);
  const wasRenaming = useRef(false);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const renameRequested = useRef(false);
  const rename = useRenameSession();
  const exportSession = useExportSession();

  // Back from renaming: keyboard focus returns to the chat it was on.
  useEffect(() => {
    if (wasRenaming.current && !renaming) linkRef.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  if (renaming) {
    return (
      <li>
        <RenameForm session={session} onDone={() => setRenaming(false)} />
      </li>
    );
  }

  const title = rename.isPending ? rename.variables.title : session.title;
  return (
    <li
      className={cn(
        'group flex items-center rounded-md pr-1 text-sm transition-colors',
        active ? 'bg-accent font-medium text-accent-foreground' : 'hover:bg-accent/60',
      )}
    >
      <Link
        ref={linkRef}
        to={`/c/${session.id}`}
        aria-current={active ? 'page' : undefined}
        title={title}
        className="min-w-0 flex-1 truncate rounded-md px-3 py-2"
      >
        {title}
      </Link>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Actions for ${title}`}
            className="size-7 shrink-0 text-muted-foreground"
          >
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="end"
          // Rename starts once the menu has closed, so the menu's focus return to its
          // trigger cannot pull focus away from the title input.
          onCloseAutoFocus={(event) => {
            if (!renameRequested.current) return;
            renameRequested.current = false;
            event.preventDefault();
            setRenaming(true);
          }}
        >
          <DropdownMenuItem
            onSelect={() => {
              renameRequested.current = true;
            }}
          >
            <Pencil aria-hidden="true" />
            Rename
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => exportSession.mutate({ id: session.id, format: 'markdown' })}>
            <FileText aria-hidden="true" />
            Export as Markdown
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => exportSession.mutate({ id: session.id, format: 'json' })}>
            <FileJson aria-hidden="true" />
            Export as JSON
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => onDelete(session)}>
            <Trash2 aria-hidden="true" />
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </li>
  );
}
