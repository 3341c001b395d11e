import { X } from 'lucide-react';
import { useId, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

export interface AudienceItem {
  id: string;
  name: string;
  /** A second, smaller line (a cohort's member count). */
  detail?: ReactNode;
}

interface AudienceListProps {
  title: string;
  hint: ReactNode;
  /** Said instead of the list while it is empty. */
  empty: string;
  /** The list's accessible name. */
  label: string;
  items: readonly AudienceItem[];
  /** The Remove button's accessible name for an item. */
  removeLabel: (name: string) => string;
  pending: boolean;
  /** Removes one item from the audience; resolves to whether it was saved. */
  onRemove: (item: AudienceItem) => Promise<boolean>;
  /** What adds to the list (a form, a search), after it. */
  children: ReactNode;
}

/** One list in the audience (cohorts, listed users), each entry with its Remove button. */
export function AudienceList({
  title,
  hint,
  empty,
  label,
  items,
  removeLabel,
  pending,
  onRemove,
  children,
}: AudienceListProps) {
  const id = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);

  const remove = (item: AudienceItem) => {
    if (pending) return;
    void onRemove(item).then((saved) => {
      // The row (and the focused button) is gone: keep the keyboard user in this section.
      if (saved) titleRef.current?.focus();
    });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3">
      <div className="grid gap-1">
        <h4 id={`${id}-title`} ref={titleRef} tabIndex={-1} className="text-sm font-medium">
          {title}
        </h4>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ul aria-label={label} className="divide-y rounded-lg border">
          {items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <span className="grid min-w-0">
                <span className="truncate text-sm font-medium">{item.name}</span>
                {item.detail && <span className="text-xs text-muted-foreground">{item.detail}</span>}
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={removeLabel(item.name)}
                aria-disabled={pending || undefined}
                onClick={() => remove(item)}
              >
                <X aria-hidden="true" />
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
