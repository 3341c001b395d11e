const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** "14:03" today, "12 Nov, 14:03" before; `title` is the full date for a tooltip. */
export function formatMessageTime(iso: string, now = new Date()): { label: string; title: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { label: '', title: '' };
  const sameDay = date.toDateString() === now.toDateString();
  return { label: (sameDay ? timeOfDay : dayAndTime).format(date), title: full.format(date) };
}
