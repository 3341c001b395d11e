import { lazy, Suspense, useEffect, useState } from 'react';

let loaded = false;
const load = () =>
  import('./markdown-renderer').then((module) => {
    loaded = true;
    return module;
  });

const MarkdownRenderer = lazy(load);

/** Starts loading the renderer (its own chunk) before the first message needs it. */
export function preloadMarkdown(): void {
  void load().catch(() => {});
}

/**
 * Whether the renderer has loaded. A conversation opening with replies waits for it (behind
 * its skeleton) rather than flash unformatted Markdown. If the chunk cannot load, it says
 * ready anyway: the replies then show as plain text.
 */
export function useMarkdownReady(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    if (ready) return;
    let live = true;
    const done = () => live && setReady(true);
    load().then(done, done);
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}

/** Markdown, rendered once its chunk has loaded; until then the text as it is. */
export function Markdown({ content }: { content: string }) {
  return (
    <Suspense fallback={<div className="whitespace-pre-wrap">{content}</div>}>
      <MarkdownRenderer content={content} />
    </Suspense>
  );
}
