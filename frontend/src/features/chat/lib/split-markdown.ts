/*
 * Splits Markdown into its top-level blocks (paragraphs, lists, code blocks, tables, ...),
 * each as the exact source text it came from. A streaming reply re-renders only the block
 * that changed: the others keep the same text, so their memoised renders are reused.
 * Reference-style definitions and footnotes tie blocks together; a reply with them is
 * rendered as one block.
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

export function splitMarkdownBlocks(source: string): string[] {
  if (source.trim() === '') return [];
  const { children } = parser.parse(source);
  if (children.some((node) => node.type === 'definition' || node.type === 'footnoteDefinition')) {
    return [source];
  }
  const starts: number[] = [];
  for (const node of children) {
    const offset = node.position?.start.offset;
    if (offset === undefined) return [source];
    starts.push(offset);
  }
  if (starts.length === 0) return [source];
  starts[0] = 0;
  return starts.map((start, i) => source.slice(start, starts[i + 1] ?? source.length));
}
