/** Three pulsing dots while the reply has not started; screen readers hear the words. */
export function TypingIndicator() {
  return (
    <span className="inline-flex items-center gap-1 py-2" data-testid="typing-indicator">
      <span className="sr-only">The assistant is writing…</span>
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          aria-hidden="true"
          className="size-2 animate-bounce rounded-full bg-muted-foreground motion-reduce:animate-none"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </span>
  );
}
