import { describe, expect, it } from 'vitest';
import { makeMessage } from '@/test/chat';
import type { ChatMessage } from '../api/types';
import type { Exchange, SessionReplies } from './exchange';
import { toDisplayMessages } from './display-messages';

const stored = (overrides: Partial<ChatMessage>) => makeMessage(overrides);
const empty: SessionReplies = { exchange: null, inlineError: null, reasons: new Map() };

function exchange(overrides: Partial<Exchange> = {}): Exchange {
  return {
    key: 'k1',
    content: 'Question',
    phase: 'streaming',
    user: stored({ id: 'u2', content: 'Question' }),
    userStored: true,
    assistant: stored({ id: 'a2', role: 'assistant', content: 'Partial', status: 'streaming' }),
    assistantStored: true,
    lastEventId: 3,
    stopRequested: false,
    failure: null,
    ...overrides,
  };
}

describe('toDisplayMessages', () => {
  const history = [
    stored({ id: 'u1', content: 'First' }),
    stored({ id: 'a1', role: 'assistant', content: 'Answer', status: 'error' }),
  ];

  it('keeps rows (and their identity) for stored messages, with the text to retry a failed reply', () => {
    const rows = toDisplayMessages(history, empty);
    expect(rows.map((r) => r.key)).toEqual(['u1', 'a1']);
    expect(rows[1]!.retryText).toBe('First');
    expect(rows[0]!.retryText).toBeNull();
    expect(toDisplayMessages(history, empty)[1]).toBe(rows[1]);
  });

  it('shows the local copy while streaming, even when a refetch holds a half-saved row', () => {
    const halfSaved = [
      ...history,
      stored({ id: 'u2', content: 'Question' }),
      stored({ id: 'a2', role: 'assistant', content: 'Par', status: 'streaming' }),
    ];
    const rows = toDisplayMessages(halfSaved, { ...empty, exchange: exchange() });
    expect(rows.map((r) => r.key)).toEqual(['u1', 'a1', 'local-user-k1', 'local-assistant-k1']);
    expect(rows[3]).toMatchObject({ live: true, message: { content: 'Partial' } });
  });

  it('switches to the stored rows once the exchange is done and refetched', () => {
    const done = exchange({
      phase: 'done',
      assistant: stored({ id: 'a2', role: 'assistant', content: 'Full answer', status: 'complete' }),
    });
    const refetched = [
      ...history,
      stored({ id: 'u2', content: 'Question' }),
      stored({ id: 'a2', role: 'assistant', content: 'Full answer' }),
    ];
    expect(toDisplayMessages(history, { ...empty, exchange: done }).map((r) => r.key)).toEqual([
      'u1',
      'a1',
      'local-user-k1',
      'local-assistant-k1',
    ]);
    expect(toDisplayMessages(refetched, { ...empty, exchange: done }).map((r) => r.key)).toEqual([
      'u1',
      'a1',
      'u2',
      'a2',
    ]);
  });

  it('keeps an ended local reply over a stored row still marked streaming, and the reason after the refetch', () => {
    const stopped = exchange({
      phase: 'done',
      assistant: stored({ id: 'a2', role: 'assistant', content: 'Partial', status: 'cancelled' }),
      failure: 'You stopped this reply.',
    });
    const lagging = [
      stored({ id: 'u2', content: 'Question' }),
      stored({ id: 'a2', role: 'assistant', content: 'Part', status: 'streaming' }),
    ];
    const rows = toDisplayMessages(lagging, { ...empty, exchange: stopped });
    expect(rows.map((r) => r.key)).toEqual(['u2', 'local-assistant-k1']);
    expect(rows[1]).toMatchObject({ reason: 'You stopped this reply.', retryText: 'Question' });

    const saved = [
      lagging[0]!,
      stored({ id: 'a2', role: 'assistant', content: 'Partial', status: 'cancelled' }),
    ];
    const after = toDisplayMessages(saved, {
      ...empty,
      exchange: stopped,
      reasons: new Map([['a2', 'You stopped this reply.']]),
    });
    expect(after.map((r) => r.key)).toEqual(['u2', 'a2']);
    expect(after[1]).toMatchObject({ reason: 'You stopped this reply.', retryText: 'Question' });
  });

  it('hides rows a refetch caught before the stream named them', () => {
    const sending = exchange({
      phase: 'sending',
      user: stored({ id: 'local-user-k1', content: 'Question' }),
      userStored: false,
      assistant: stored({ id: 'local-assistant-k1', role: 'assistant', content: '', status: 'streaming' }),
      assistantStored: false,
    });
    const caught = [
      ...history,
      stored({ id: 'u2', content: 'Question' }),
      stored({ id: 'a2', role: 'assistant', content: '', status: 'streaming' }),
    ];
    expect(toDisplayMessages(caught, { ...empty, exchange: sending }).map((r) => r.key)).toEqual([
      'u1',
      'a1',
      'local-user-k1',
      'local-assistant-k1',
    ]);
    // An earlier message with other text stays.
    const other = [...history, stored({ id: 'u2', content: 'Something else' })];
    expect(toDisplayMessages(other, { ...empty, exchange: sending }).map((r) => r.key)).toContain('u2');
  });

  it('shows the message being sent before the server has stored it', () => {
    const sending = exchange({
      phase: 'sending',
      user: stored({ id: 'local-user-k1', content: 'Question' }),
      userStored: false,
      assistant: stored({ id: 'local-assistant-k1', role: 'assistant', content: '', status: 'streaming' }),
      assistantStored: false,
    });
    const rows = toDisplayMessages(history, { ...empty, exchange: sending });
    expect(rows.slice(2)).toMatchObject([
      { key: 'local-user-k1', sending: true },
      { key: 'local-assistant-k1', live: true, sending: false },
    ]);
  });
});
