import { describe, expect, it } from 'vitest';
import {
  demoReply,
  limitToMaxTokens,
  splitIntoChunks,
} from '../../../src/infrastructure/llm/fake/fake-reply.js';
import {
  DEFAULT_SCENARIO,
  parseScenarioUpdate,
  ScenarioBook,
} from '../../../src/infrastructure/llm/fake/fake-scenario.js';

describe('the fake model reply', () => {
  it('is Markdown about the last user message, with a heading, a list and a fenced code block', () => {
    const text = demoReply([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'an answer' },
      { role: 'user', content: 'What is `a` plus\n b?' },
    ]);
    expect(text).toMatch(/^## /);
    expect(text).toContain('> What is `a` plus b?');
    expect(text.match(/^- /gm)).toHaveLength(3);
    expect(text).toMatch(/^```ts\n[\s\S]+\n```$/m);
    expect(text).toContain('**5** words');
  });

  it('splits into exactly N pieces that put back together give the text', () => {
    const text = 'Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich 😀.';
    const pieces = splitIntoChunks(text, 7);
    expect(pieces).toHaveLength(7);
    expect(pieces.join('')).toBe(text);
    expect(splitIntoChunks('abc', 10)).toEqual(['a', 'b', 'c']);
    expect(splitIntoChunks('', 3)).toEqual([]);
  });

  it('stops at maxTokens with finish reason length', () => {
    expect(limitToMaxTokens('x'.repeat(100), 10)).toEqual({ text: 'x'.repeat(40), finishReason: 'length' });
    expect(limitToMaxTokens('short', 10)).toEqual({ text: 'short', finishReason: 'stop' });
  });
});

describe('the fake model scenarios', () => {
  it('rejects unknown failures, fields and bad numbers', () => {
    expect(() => parseScenarioUpdate({ failure: 'explode' })).toThrow(/failure must be one of/);
    expect(() => parseScenarioUpdate({ chunkGap: 5 })).toThrow(/unknown field chunkGap/);
    expect(() => parseScenarioUpdate({ chunks: 0 })).toThrow(/chunks/);
    expect(() => parseScenarioUpdate({ times: 1.5 })).toThrow(/times/);
    expect(parseScenarioUpdate({ failure: 'no_done', times: 2 })).toEqual({ failure: 'no_done', times: 2 });
  });

  it('uses a times-limited scenario for N requests, on top of the standing one', () => {
    const book = new ScenarioBook({ ...DEFAULT_SCENARIO, chunkGapMs: 30 });
    book.set({ chunks: 3 });
    book.set({ failure: 'http_500', times: 2 });
    expect([book.take(), book.take(), book.take()].map((s) => [s.failure, s.chunks, s.chunkGapMs])).toEqual([
      ['http_500', 3, 30],
      ['http_500', 3, 30],
      ['none', 3, 30],
    ]);
    book.reset();
    expect(book.take()).toEqual({ ...DEFAULT_SCENARIO, chunkGapMs: 30 });
  });
});
