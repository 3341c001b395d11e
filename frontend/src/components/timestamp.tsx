const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment as "Nov 22, 2026, 4:24 AM", in the reader's locale and time zone. */
export function Timestamp({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} className={className}>
      {dateTime.format(new Date(iso))}
    </time>
  );
}
