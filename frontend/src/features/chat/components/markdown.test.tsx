import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type * as ReactMarkdown from 'react-markdown';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInHandlers } from '@/test/auth';
import { CHAT_TEST_TIMEOUT, FakeChatApi, makeMessage, stubLayout } from '@/test/chat';
import { renderApp } from '@/test/render-app';
import { server } from '@/test/server';

// Counts renders per Markdown source, to check that streaming re-renders only what changed.
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('react-markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof ReactMarkdown>();
  const Counted = (props: Parameters<typeof actual.default>[0]) => {
    const source = String(props.children);
    renders.set(source, (renders.get(source) ?? 0) + 1);
    return actual.default(props);
  };
  return { ...actual, default: Counted };
});

const REPLY = [
  'Here is the **plan**:',
  '',
  '| Day | Where |',
  '| --- | --- |',
  '| 1 | Alfama |',
  '',
  '- [x] book the flight',
  '- [ ] ~~rent a car~~',
  '',
  '```ts',
  'const greeting: string = "olá";',
  'console.log(greeting);',
  '```',
].join('\n');

// The renderer and the highlighter are lazy chunks; compiling them the first time is slow.
beforeAll(async () => {
  await import('./markdown-renderer');
  await import('../lib/highlight');
}, 30_000);

beforeEach(() => {
  localStorage.clear();
  stubLayout();
  renders.clear();
});

describe(
  'replies in Markdown',
  () => {
    it('renders GFM, highlights code once the highlighter loads, and copies a code block', async () => {
      const user = userEvent.setup();
      const api = new FakeChatApi({
        messages: {
          s1: [
            makeMessage({ id: 'u1', content: 'Plan it' }),
            makeMessage({ id: 'a1', role: 'assistant', content: REPLY }),
          ],
        },
      });
      server.use(...signedInHandlers(), ...api.handlers());
      renderApp('/c/s1');

      const copyCode = await screen.findByRole('button', { name: 'Copy code' });
      const reply = screen.getByRole('article', { name: 'Assistant' });
      expect(within(reply).getByText('plan').tagName).toBe('STRONG');
      expect(within(reply).getByRole('table')).toHaveTextContent('Alfama');
      expect(
        within(reply)
          .getAllByRole('checkbox')
          .map((box) => (box as HTMLInputElement).checked),
      ).toEqual([true, false]);
      expect(within(reply).getByText('rent a car').tagName).toBe('DEL');
      // Highlighting arrives from its own chunk; the code is plain until then.
      await waitFor(() => expect(reply.querySelector('code.hljs .hljs-keyword')).toHaveTextContent('const'));

      await user.click(copyCode);

      expect(await navigator.clipboard.readText()).toBe(
        'const greeting: string = "olá";\nconsole.log(greeting);',
      );
      expect(within(reply).getByText('Copied')).toBeInTheDocument();
      expect(within(reply).getByText('Copied to the clipboard')).toHaveAttribute('role', 'status');

      await user.click(within(reply).getByRole('button', { name: 'Copy message' }));
      expect(await navigator.clipboard.readText()).toBe(REPLY);
    });

    it('does not render raw HTML or script links', async () => {
      const api = new FakeChatApi({
        messages: {
          s1: [
            makeMessage({
              id: 'a1',
              role: 'assistant',
              content:
                '<img src=x onerror="alert(1)"> [click](javascript:alert(1)) [docs](https://example.com)',
            }),
          ],
        },
      });
      server.use(...signedInHandlers(), ...api.handlers());
      renderApp('/c/s1');

      const docs = await screen.findByRole('link', { name: 'docs' });
      expect(docs).toHaveAttribute('target', '_blank');
      expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
      const reply = screen.getByRole('article', { name: 'Assistant' });
      expect(reply.querySelector('img')).toBeNull();
      expect(within(reply).getByText('click').getAttribute('href') ?? '').not.toMatch(/javascript/i);
    });
  },
  CHAT_TEST_TIMEOUT,
);

describe(
  'the streaming renderer',
  () => {
    it('re-renders only the block that changed', async () => {
      const { default: MarkdownRenderer } = await import('./markdown-renderer');
      const first = '# Title\n\nFirst paragraph.\n\nSecond';
      const { rerender } = render(<MarkdownRenderer content={first} />);
      expect(screen.getByText('Second')).toBeInTheDocument();

      rerender(<MarkdownRenderer content={`${first} paragraph, growing`} />);
      rerender(<MarkdownRenderer content={`${first} paragraph, growing.\n\n- a list`} />);

      expect(screen.getByRole('heading', { name: 'Title' })).toBeInTheDocument();
      expect(screen.getByText('a list')).toBeInTheDocument();
      // The finished blocks rendered once; only the last one again for each change.
      expect(renders.get('# Title\n\n')).toBe(1);
      expect(renders.get('First paragraph.\n\n')).toBe(1);
      expect(renders.get('Second')).toBe(1);
      expect(renders.get('Second paragraph, growing')).toBe(1);
      expect(renders.get('Second paragraph, growing.\n\n')).toBe(1);
      expect(renders.get('- a list')).toBe(1);
    });
  },
  CHAT_TEST_TIMEOUT,
);
