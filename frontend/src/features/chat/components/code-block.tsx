import { useEffect, useMemo, useState, type ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import type * as HighlightModule from '../lib/highlight';
import { CopyButton } from './copy-button';

type HastNode = NonNullable<ExtraProps['node']>;
// A type-only import: the module itself stays in its own chunk, loaded on first use.
type Highlighter = typeof HighlightModule;

// Loaded once, on the first code block anyone sees.
let highlighter: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;
function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('../lib/highlight').then((module) => (highlighter = module));
  return loading;
}

function textOf(node: HastNode | HastNode['children'][number]): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((child) => textOf(child as HastNode)).join('');
  return '';
}

/** The fenced block's language, from the `language-xxx` class remark gives its <code>. */
function languageOf(code: HastNode | undefined): string | undefined {
  const classes = code?.properties?.className;
  const list = Array.isArray(classes) ? classes : [];
  const match = list.map(String).find((name) => name.startsWith('language-'));
  return match?.slice('language-'.length).toLowerCase();
}

/** A fenced code block: the language, a copy button, and highlighting once it has loaded. */
export function CodeBlock({ node }: ComponentProps<'pre'> & ExtraProps) {
  const code = node?.children.find(
    (child): child is HastNode => child.type === 'element' && child.tagName === 'code',
  );
  const text = code ? textOf(code).replace(/\n$/, '') : '';
  const language = languageOf(code);
  const [ready, setReady] = useState(highlighter !== null);

  useEffect(() => {
    if (ready || !language) return;
    let live = true;
    loadHighlighter().then(
      () => live && setReady(true),
      () => {}, // Plain text is fine.
    );
    return () => {
      live = false;
    };
  }, [ready, language]);

  const html = useMemo(
    () => (ready && highlighter ? highlighter.highlightCode(text, language) : null),
    [ready, text, language],
  );

  return (
    <div className="code-block my-3 overflow-hidden rounded-lg border bg-muted/60">
      <div className="flex items-center justify-between border-b py-1 pr-1 pl-3 text-xs text-muted-foreground">
        <span>{language ?? 'code'}</span>
        <CopyButton text={text} label="Copy code" showLabel />
      </div>
      <pre className="overflow-x-auto p-3 text-[0.8125rem] leading-relaxed">
        {html === null ? (
          <code>{text}</code>
        ) : (
          <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </pre>
    </div>
  );
}
