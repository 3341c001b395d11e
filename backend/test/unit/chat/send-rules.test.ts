import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/application/chat/send-message/context-builder.js';
import { validateSend } from '../../../src/application/chat/send-message/send-input.js';
import type { ChatMessage } from '../../../src/domain/chat/message.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { Cl100kTokenCounter } from '../../../src/infrastructure/llm/cl100k-token-counter.adapter.js';

const limits = { maxMessageLength: 10, maxTokens: 100 };
const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
};

describe('validateSend', () => {
  it('trims, defaults maxTokens to the server limit, and keeps given params', () => {
    expect(validateSend({ content: '  hi  ' }, limits)).toEqual({
      content: 'hi',
      temperature: undefined,
      topP: undefined,
      maxTokens: 100,
    });
    expect(
      validateSend({ content: 'hi', params: { temperature: 0, topP: 1, maxTokens: 1 } }, limits),
    ).toMatchObject({ temperature: 0, topP: 1, maxTokens: 1 });
  });
  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(validateSend({ content: '😀'.repeat(10) }, limits).content).toHaveLength(20);
    expect(errorsOf(() => validateSend({ content: '😀'.repeat(11) }, limits))).toEqual(['content']);
  });
  it.each([
    [{ content: ' \n ' }, ['content']],
    [{ content: 'a\u0000b' }, ['content']],
    [{ content: 'ok', params: { temperature: 2.01 } }, ['params.temperature']],
    [{ content: 'ok', params: { topP: -0.1 } }, ['params.topP']],
    [{ content: 'ok', params: { maxTokens: 101 } }, ['params.maxTokens']],
    [{ content: 'ok', params: { maxTokens: 1.5 } }, ['params.maxTokens']],
    [{ content: '', params: { temperature: 9 } }, ['content', 'params.temperature']],
  ])('rejects %o naming %o', (input, paths) => {
    expect(errorsOf(() => validateSend(input, limits))).toEqual(paths);
  });
});

describe('buildContext', () => {
  const tokens = new Cl100kTokenCounter();
  let n = 0;
  const msg = (
    role: 'user' | 'assistant',
    content: string,
    status: ChatMessage['status'] = 'complete',
  ): ChatMessage => ({
    id: String(++n),
    sessionId: 's',
    role,
    content,
    status,
    tokenCount: 0,
    tokenCountEstimated: false,
    model: null,
    finishReason: null,
    errorCode: null,
    lastEventId: null,
    createdAt: new Date(n),
    updatedAt: new Date(n),
  });

  it('puts the system prompt first, then the conversation oldest first', () => {
    const history = [msg('user', 'one'), msg('assistant', 'two'), msg('user', 'three')];
    expect(
      buildContext(history, { systemPrompt: 'Be brief.', contextMessages: 20, contextTokens: 1000 }, tokens),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'two' },
      { role: 'user', content: 'three' },
    ]);
  });

  it('keeps only the last N messages', () => {
    const history = Array.from({ length: 10 }, (_, i) => msg(i % 2 ? 'assistant' : 'user', `m${i}`));
    const context = buildContext(
      history,
      { systemPrompt: '', contextMessages: 3, contextTokens: 10_000 },
      tokens,
    );
    expect(context.map((m) => m.content)).toEqual(['m7', 'm8', 'm9']);
  });

  it('drops the oldest messages that do not fit the token budget, never the newest', () => {
    const long = 'word '.repeat(200);
    const history = [msg('user', long), msg('assistant', long), msg('user', 'short question')];
    const budget =
      tokens.countMessages([{ role: 'system', content: 'S' }]) +
      tokens.countMessages([{ role: 'assistant', content: long }]) +
      tokens.countMessages([{ role: 'user', content: 'short question' }]);
    const context = buildContext(
      history,
      { systemPrompt: 'S', contextMessages: 20, contextTokens: budget },
      tokens,
    );
    expect(context.map((m) => m.role)).toEqual(['system', 'assistant', 'user']);
    const tiny = buildContext(history, { systemPrompt: 'S', contextMessages: 20, contextTokens: 1 }, tokens);
    expect(tiny.map((m) => m.content)).toEqual(['S', 'short question']);
  });

  it('budgets with a message’s stored token count when it has one, and counts the text when not', () => {
    const counted = { ...msg('user', 'short question'), tokenCount: 0 };
    const stored = { ...msg('assistant', 'tiny'), tokenCount: 5_000 };
    // The stored count says the reply is huge: it does not fit, although its text is one word.
    const context = buildContext(
      [msg('user', 'q'), stored, counted],
      { systemPrompt: '', contextMessages: 20, contextTokens: 1_000 },
      tokens,
    );
    expect(context.map((m) => m.content)).toEqual(['short question']);
    // Without a stored count the text is counted: both fit.
    expect(
      buildContext(
        [{ ...stored, tokenCount: 0 }, counted],
        { systemPrompt: '', contextMessages: 20, contextTokens: 1_000 },
        tokens,
      ),
    ).toHaveLength(2);
  });

  it('leaves out replies that produced nothing and the reply being written', () => {
    const history = [
      msg('user', 'q1'),
      msg('assistant', '', 'error'),
      msg('user', 'q2'),
      msg('assistant', 'half', 'interrupted'),
      msg('user', 'q3'),
      msg('assistant', '', 'streaming'),
    ];
    expect(
      buildContext(history, { systemPrompt: '', contextMessages: 20, contextTokens: 10_000 }, tokens).map(
        (m) => m.content,
      ),
    ).toEqual(['q1', 'q2', 'half', 'q3']);
  });
});
