import { useId, type ComponentProps, type ReactNode, type Ref } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils';

interface SectionCardProps extends Omit<ComponentProps<'div'>, 'title' | 'role' | 'aria-labelledby'> {
  /** The section's <h2>, which also names the region. */
  title: ReactNode;
  description: ReactNode;
  /** On the title's line, after it (a status badge). */
  badge?: ReactNode;
  /** A small line under the description (counts, dates). */
  meta?: ReactNode;
  /** At the end of the header (a status, the section's actions). */
  aside?: ReactNode;
  /** For moving focus to the heading: it is then focusable by script (tabIndex -1). */
  headingRef?: Ref<HTMLHeadingElement>;
  titleClassName?: string;
  contentClassName?: string;
  /** After the content (a CardFooter). */
  footer?: ReactNode;
}

/**
 * A page section as a card: a region named by its <h2>, a description, then the content.
 * Landmarks and a real heading outline let screen-reader users jump between sections.
 */
export function SectionCard({
  title,
  description,
  badge,
  meta,
  aside,
  headingRef,
  titleClassName,
  contentClassName,
  footer,
  children,
  ...props
}: SectionCardProps) {
  const titleId = useId();
  const heading = (
    <CardTitle asChild>
      <h2
        id={titleId}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        className={cn('text-lg', titleClassName)}
      >
        {title}
      </h2>
    </CardTitle>
  );
  return (
    <Card role="region" aria-labelledby={titleId} {...props}>
      <CardHeader>
        <div className="grid min-w-0 gap-1.5">
          {!badge ? (
            heading
          ) : (
            <div className="flex flex-wrap items-center gap-2">
              {heading}
              {badge}
            </div>
          )}
          <CardDescription>{description}</CardDescription>
          {meta && <p className="text-xs text-muted-foreground">{meta}</p>}
        </div>
        {aside}
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
      {footer}
    </Card>
  );
}
