import { describe, expect, it } from 'vitest';
import { splitMarkdownBlocks } from './split-markdown';

describe('splitMarkdownBlocks', () => {
  it('cuts at top-level blocks and loses no text', () => {
    const source =
      '## Title\n\nA paragraph\nover two lines.\n\n- one\n- two\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n| a |\n| - |\n| 1 |\n';
    const blocks = splitMarkdownBlocks(source);
    expect(blocks).toEqual([
      '## Title\n\n',
      'A paragraph\nover two lines.\n\n',
      '- one\n- two\n\n',
      '```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n',
      '| a |\n| - |\n| 1 |\n',
    ]);
    expect(blocks.join('')).toBe(source);
  });

  it('keeps an unfinished code fence (a reply mid-stream) in one block', () => {
    expect(splitMarkdownBlocks('Intro\n\n```py\nprint(1)\n\nprint(2)')).toEqual([
      'Intro\n\n',
      '```py\nprint(1)\n\nprint(2)',
    ]);
  });

  it('renders text with reference links or footnotes as one block', () => {
    const source = 'See [the docs][d] and a note[^1].\n\n[d]: https://example.com\n\n[^1]: The note.';
    expect(splitMarkdownBlocks(source)).toEqual([source]);
  });

  it('has no blocks for blank text', () => {
    expect(splitMarkdownBlocks('  \n')).toEqual([]);
  });
});
