import { describe, expect, it } from 'vitest';
import {
  Cl100kTokenCounter,
  MESSAGE_OVERHEAD,
  REPLY_PRIMING,
} from '../../../src/infrastructure/llm/cl100k-token-counter.adapter.js';

const counter = new Cl100kTokenCounter();

describe('Cl100kTokenCounter', () => {
  it('counts text with the cl100k_base encoding', () => {
    expect(counter.count('')).toBe(0);
    expect(counter.count('hello world')).toBe(2);
    expect(counter.count('Hello, world!')).toBe(4);
    expect(counter.count('tokenization')).toBe(2);
  });

  it('counts non-Latin text and emoji as more tokens than characters suggest', () => {
    expect(counter.count('日本語のテキスト')).toBeGreaterThanOrEqual(5);
    expect(counter.count('👋')).toBeGreaterThanOrEqual(1);
  });

  it('counts special-token look-alikes typed by a user as plain text instead of throwing', () => {
    expect(counter.count('a <|endoftext|> b')).toBeGreaterThan(3);
    expect(counter.count('<|im_start|>system')).toBeGreaterThan(2);
  });

  it('adds the framing of every message and the start of the reply', () => {
    const messages = [
      { role: 'system', content: 'hello world' },
      { role: 'user', content: 'Hello, world!' },
    ] as const;
    expect(counter.countMessages(messages)).toBe(REPLY_PRIMING + 2 * MESSAGE_OVERHEAD + 2 + 4);
    expect(counter.countMessages([])).toBe(REPLY_PRIMING);
    expect(counter.countMessages([{ role: 'user', content: '' }])).toBe(REPLY_PRIMING + MESSAGE_OVERHEAD);
  });

  it('grows with every message, so a budget can drop the oldest ones', () => {
    const one = counter.countMessages([{ role: 'user', content: 'a question' }]);
    const two = counter.countMessages([
      { role: 'user', content: 'a question' },
      { role: 'assistant', content: 'an answer' },
    ]);
    expect(two).toBeGreaterThan(one);
  });

  it('handles a long message quickly', () => {
    const long = Array<string>(2_000).fill('The quick brown fox jumps over the lazy dog.').join(' ');
    const started = performance.now();
    expect(counter.count(long)).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
