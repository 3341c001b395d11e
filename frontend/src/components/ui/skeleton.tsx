import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

/** A loading placeholder. Decorative: the caller announces loading (e.g. aria-busy). */
function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn('animate-pulse rounded-md bg-accent', className)}
      {...props}
    />
  );
}

export { Skeleton };
