import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { copyText } from '@/lib/clipboard';
import { cn } from '@/lib/utils';

interface CopyButtonProps {
  /** Read when clicked, so a streaming message copies what is there at that moment. */
  text: string | (() => string);
  /** The accessible name, e.g. "Copy code". */
  label: string;
  /** Show the label next to the icon. */
  showLabel?: boolean;
  className?: string;
}

/** Copies to the clipboard; the icon turns into a tick and screen readers hear "Copied". */
export function CopyButton({ text, label, showLabel = false, className }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    const ok = await copyText(typeof text === 'function' ? text() : text);
    setState(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  }

  const Icon = state === 'copied' ? Check : Copy;
  const visible = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        size={showLabel ? 'sm' : 'icon'}
        aria-label={label}
        onClick={() => void copy()}
        className={cn(!showLabel && 'size-8', 'text-muted-foreground hover:text-foreground', className)}
      >
        <Icon aria-hidden="true" />
        {showLabel && <span aria-hidden="true">{visible}</span>}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </>
  );
}
