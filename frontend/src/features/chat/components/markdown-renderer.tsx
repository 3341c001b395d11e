/*
 * Markdown with GitHub extensions (tables, task lists, strikethrough, autolinks). Its own
 * chunk: react-markdown, remark and micromark load after the page, and code highlighting
 * later still (code-block.tsx).
 *
 * The text is split into top-level blocks and each block is memoised on its source: while a
 * reply streams, only the block being written (usually the last) renders again.
 * No raw HTML is rendered (no rehype-raw), and react-markdown drops unsafe link protocols.
 */
import { memo, type ComponentProps } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { splitMarkdownBlocks } from '../lib/split-markdown';
import { CodeBlock } from './code-block';
import './markdown.css';

function Link({ node: _node, href, children, ...props }: ComponentProps<'a'> & ExtraProps) {
  const external = href !== undefined && /^https?:\/\//i.test(href);
  return (
    <a href={href} {...props} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {children}
    </a>
  );
}

function Table({ node: _node, ...props }: ComponentProps<'table'> & ExtraProps) {
  return (
    <div className="overflow-x-auto">
      <table {...props} />
    </div>
  );
}

// A reply's headings sit under the page's <h1> (the chat title) and the message: they are
// demoted two levels for the document outline, and keep their look through a class.
function demoted(tag: 'h3' | 'h4' | 'h5' | 'h6', level: number) {
  return function Heading({ node: _node, className, ...props }: ComponentProps<'h1'> & ExtraProps) {
    const Tag = tag;
    return <Tag className={className ? `${className} md-h${level}` : `md-h${level}`} {...props} />;
  };
}

const components: Components = {
  pre: CodeBlock,
  a: Link,
  table: Table,
  h1: demoted('h3', 1),
  h2: demoted('h4', 2),
  h3: demoted('h5', 3),
  h4: demoted('h6', 4),
  h5: demoted('h6', 5),
  h6: demoted('h6', 6),
};
const remarkPlugins = [remarkGfm];

const MarkdownBlock = memo(function MarkdownBlock({ source }: { source: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
      {source}
    </ReactMarkdown>
  );
});

export default function MarkdownRenderer({ content }: { content: string }) {
  const blocks = splitMarkdownBlocks(content);
  return (
    <div className="markdown">
      {blocks.map((source, i) => (
        // Blocks only ever grow at the end, so their index is a stable key.
        <MarkdownBlock key={i} source={source} />
      ))}
    </div>
  );
}
