import { LoaderCircle } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

interface SpinnerProps extends ComponentProps<'div'> {
  /** Read by screen readers; also shown next to the icon unless `labelHidden`. */
  label: string;
  labelHidden?: boolean;
}

/** A loading indicator that says what is loading (role="status" announces it politely). */
function Spinner({ label, labelHidden = false, className, ...props }: SpinnerProps) {
  return (
    <div
      role="status"
      data-slot="spinner"
      className={cn('flex items-center gap-2 text-sm text-muted-foreground', className)}
      {...props}
    >
      <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
      <span className={labelHidden ? 'sr-only' : undefined}>{label}</span>
    </div>
  );
}

export { Spinner };
