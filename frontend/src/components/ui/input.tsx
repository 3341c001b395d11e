import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

// Focus styles come from the global :focus-visible rule in index.css. `aria-invalid` (set by
// FormField) colours the border, so the error state needs no extra prop.
function Input({ className, type = 'text', ...props }: ComponentProps<'input'>) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        'flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-1 text-base shadow-xs transition-colors placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive md:text-sm',
        className,
      )}
      {...props}
    />
  );
}

export { Input };
