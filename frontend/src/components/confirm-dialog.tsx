import { useRef, type ReactNode } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What will happen, in full sentences: the decision is made on this text. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  variant?: 'default' | 'destructive';
  pending?: boolean;
  /** Runs the change; the caller closes the dialog when it succeeds. */
  onConfirm: () => void;
}

/**
 * Asks before a change that affects other people. Focus starts on Cancel, Escape cancels,
 * and the dialog stays open while the change is saved, so a failure is seen in context.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  pendingLabel = 'Saving…',
  variant = 'default',
  pending = false,
  onConfirm,
}: ConfirmDialogProps) {
  // Opened from state rather than an AlertDialogTrigger, so Radix has no trigger to return
  // focus to: remember what had focus (the button that asked) and go back to it.
  const returnFocusTo = useRef<Element | null>(null);
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent
        onOpenAutoFocus={() => {
          returnFocusTo.current = document.activeElement;
        }}
        onCloseAutoFocus={(event) => {
          const target = returnFocusTo.current;
          if (target instanceof HTMLElement && target.isConnected) {
            event.preventDefault();
            target.focus();
          }
        }}
      >
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div>{children}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant={variant}
            aria-disabled={pending || undefined}
            onClick={(event) => {
              // Radix closes on Action; the caller closes once the change is saved instead.
              event.preventDefault();
              if (!pending) onConfirm();
            }}
          >
            {pending ? pendingLabel : confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
