import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelCallCancelled } from '../../../src/application/chat/ports/chat-model.port.js';
import { ModelError, ModelTimeout } from '../../../src/infrastructure/llm/provider-failures.js';
import {
  createChatModel,
  type ResilientChatModel,
} from '../../../src/infrastructure/llm/create-chat-model.js';
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../../src/infrastructure/llm/fake/fake-model-server.js';
import { chatRequest, collect, FAST_RETRY, settings } from './llm-test-kit.js';

/*
 * The whole model stack (timeouts → breaker with retries → OpenAI SDK client) against the fake
 * OpenAI-compatible server over real HTTP. The breaker itself has its own file.
 */

let fake: FakeModelServer;
const models: ResilientChatModel[] = [];

function stack(overrides: Parameters<typeof settings>[1] = {}, hooks = {}) {
  const model = createChatModel(settings(fake.url, overrides), { retry: FAST_RETRY, hooks });
  models.push(model);
  return model.chatModel;
}

beforeAll(async () => {
  fake = await startFakeModelServer();
});
afterAll(async () => {
  for (const model of models) model.close();
  await fake.close();
});
beforeEach(async () => {
  await fake.control.reset();
});

describe('a reply that goes well', () => {
  it('streams the deltas in order, then one done with finish reason and usage', async () => {
    const text = 'First piece. Second piece. Third piece. Fourth piece. The end.';
    await fake.control.setScenario({ text, chunks: 5 });

    const reply = await collect(stack().stream(chatRequest({ temperature: 0.3, topP: 0.9, maxTokens: 256 })));

    expect(reply.error).toBeUndefined();
    expect(reply.deltas).toHaveLength(5);
    expect(reply.deltas.every((d) => d.length > 0)).toBe(true);
    expect(reply.text).toBe(text);
    expect(reply.done).toEqual({
      type: 'done',
      finishReason: 'stop',
      usage: { promptTokens: expect.any(Number), completionTokens: Math.ceil(text.length / 4) },
      model: 'test-model',
    });
    expect(reply.afterDone).toBe(0);

    const [sent] = await fake.control.requests();
    expect(sent?.body).toMatchObject({
      model: 'test-model',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 256,
      messages: [
        { role: 'system', content: 'You are a test.' },
        { role: 'user', content: 'Explain streams in one paragraph.' },
      ],
    });
    expect(sent).toMatchObject({ aborted: false, finished: true, chunksSent: 5 });
  });

  it('reports finish reason length when maxTokens cuts the reply', async () => {
    const reply = await collect(stack().stream(chatRequest({ maxTokens: 10 })));

    expect(reply.error).toBeUndefined();
    expect(reply.text).toHaveLength(40);
    expect(reply.done?.finishReason).toBe('length');
  });

  it('retries a 500 before the first token and then succeeds, within one call', async () => {
    await fake.control.setScenario({ failure: 'http_500', times: 1 });
    const retries: number[] = [];

    const reply = await collect(
      stack({}, { onRetry: (_e: unknown, retry: number) => retries.push(retry) }).stream(chatRequest()),
    );

    expect(reply.error).toBeUndefined();
    expect(reply.done?.finishReason).toBe('stop');
    expect(retries).toEqual([1]);
    const sent = await fake.control.requests();
    expect(sent.map((r) => r.failure)).toEqual(['http_500', 'none']);
  });
});

describe('a provider that answers with an error', () => {
  it.each([
    ['http_500', 'upstream_error', 500],
    ['http_429', 'rate_limited', 429],
  ] as const)('%s: llm_error after two retries', async (failure, kind, status) => {
    await fake.control.setScenario({ failure });

    const reply = await collect(stack().stream(chatRequest()));

    expect(reply.error).toBeInstanceOf(ModelError);
    expect(reply.error).toMatchObject({ code: 'llm_error', kind, upstreamStatus: status, partial: false });
    expect(reply.deltas).toEqual([]);
    expect(await fake.control.requests()).toHaveLength(3);
  });

  it('400: llm_error at once, without a retry', async () => {
    await fake.control.setScenario({ failure: 'http_400' });

    const reply = await collect(stack().stream(chatRequest()));

    expect(reply.error).toMatchObject({
      code: 'llm_error',
      kind: 'rejected',
      upstreamStatus: 400,
      partial: false,
    });
    expect(await fake.control.requests()).toHaveLength(1);
  });

  it('unreachable provider: llm_error (retried, nothing partial)', async () => {
    const closed = await startFakeModelServer();
    await closed.close();

    const retries: number[] = [];
    const unreachable = createChatModel(settings(closed.url), {
      retry: FAST_RETRY,
      hooks: { onRetry: (_e, retry) => retries.push(retry) },
    });
    models.push(unreachable);

    const reply = await collect(unreachable.chatModel.stream(chatRequest()));

    expect(reply.error).toMatchObject({ code: 'llm_error', kind: 'unreachable', partial: false });
    expect(retries).toEqual([1, 2]);
  });
});

describe('timeouts', () => {
  it('no first token in time: llm_timeout, not retried, and the upstream request is aborted', async () => {
    await fake.control.setScenario({ failure: 'stall_before_first_token' });

    const reply = await collect(stack({ timeoutMs: 200 }).stream(chatRequest()));

    expect(reply.error).toBeInstanceOf(ModelTimeout);
    expect(reply.error).toMatchObject({ code: 'llm_timeout', phase: 'first_token', partial: false });
    await vi.waitFor(async () => expect(await fake.control.requests()).toMatchObject([{ aborted: true }]), {
      timeout: 1_000,
      interval: 10,
    });
  });

  it('a stall mid-stream: idle timeout with the partial flag, upstream aborted', async () => {
    await fake.control.setScenario({ failure: 'stall_mid_stream', chunks: 8, failAfterChunks: 3 });

    const reply = await collect(stack({ idleTimeoutMs: 200 }).stream(chatRequest()));

    expect(reply.deltas).toHaveLength(3);
    expect(reply.error).toMatchObject({ code: 'llm_timeout', phase: 'idle', partial: true });
    await vi.waitFor(
      async () => expect(await fake.control.requests()).toMatchObject([{ aborted: true, chunksSent: 3 }]),
      {
        timeout: 1_000,
        interval: 10,
      },
    );
  });

  it('a reply longer than the maximum duration: llm_timeout max_duration with the partial flag', async () => {
    await fake.control.setScenario({ chunks: 40, chunkGapMs: 50 });

    const reply = await collect(stack({ maxDurationMs: 300 }).stream(chatRequest()));

    expect(reply.deltas.length).toBeGreaterThan(0);
    expect(reply.deltas.length).toBeLessThan(40);
    expect(reply.error).toMatchObject({ code: 'llm_timeout', phase: 'max_duration', partial: true });
  });
});

describe('a broken stream', () => {
  it('cut mid-stream: llm_error with the partial flag', async () => {
    await fake.control.setScenario({ failure: 'cut_mid_stream', chunks: 8, failAfterChunks: 4 });

    const reply = await collect(stack().stream(chatRequest()));

    expect(reply.deltas).toHaveLength(4);
    expect(reply.error).toMatchObject({ code: 'llm_error', kind: 'unreachable', partial: true });
    expect(await fake.control.requests()).toHaveLength(1); // never retried once text went out
  });

  it('cut before any text: retried like any transient failure, then llm_error without the partial flag', async () => {
    await fake.control.setScenario({ failure: 'cut_mid_stream', failAfterChunks: 0 });

    const reply = await collect(stack().stream(chatRequest()));

    expect(reply.deltas).toEqual([]);
    expect(reply.error).toMatchObject({ code: 'llm_error', partial: false });
    expect(await fake.control.requests()).toHaveLength(3);
  });

  it('a malformed chunk: llm_error with the partial flag, even though the stream goes on', async () => {
    await fake.control.setScenario({ failure: 'malformed_chunk', chunks: 8, failAfterChunks: 2 });

    const reply = await collect(stack().stream(chatRequest()));

    expect(reply.deltas).toHaveLength(2);
    expect(reply.error).toMatchObject({ code: 'llm_error', kind: 'bad_stream', partial: true });
  });

  it('no [DONE], even after a finish reason and usage: not complete, llm_error with the partial flag', async () => {
    const text = 'All of the text arrives, but the end marker never does.';
    await fake.control.setScenario({ failure: 'no_done', text, chunks: 4 });

    const reply = await collect(stack().stream(chatRequest()));

    expect(reply.text).toBe(text);
    expect(reply.done).toBeUndefined();
    expect(reply.error).toMatchObject({ code: 'llm_error', kind: 'bad_stream', partial: true });
  });
});

describe('the caller stops the reply', () => {
  it('abort after 3 deltas: the upstream request is aborted within a second, and the reply ends as cancelled', async () => {
    // The fake holds the stream open after 5 chunks, so it cannot have finished on its own.
    await fake.control.setScenario({ failure: 'stall_mid_stream', chunks: 10, failAfterChunks: 5 });
    const controller = new AbortController();

    const reply = await collect(stack().stream(chatRequest({ signal: controller.signal })), (count) => {
      if (count === 3) controller.abort();
    });

    expect(reply.deltas).toHaveLength(3);
    expect(reply.error).toBeInstanceOf(ModelCallCancelled);
    expect(reply.error).toMatchObject({ partial: true });
    await vi.waitFor(
      async () => expect(await fake.control.requests()).toMatchObject([{ aborted: true, finished: false }]),
      {
        timeout: 1_000,
        interval: 10,
      },
    );
  });

  it('abort before the first token: cancelled without the partial flag, no retry', async () => {
    await fake.control.setScenario({ failure: 'stall_before_first_token' });
    const controller = new AbortController();
    const pending = collect(stack().stream(chatRequest({ signal: controller.signal })));
    await vi.waitFor(async () => expect(await fake.control.requests()).toHaveLength(1), {
      timeout: 1_000,
      interval: 10,
    });

    controller.abort();
    const reply = await pending;

    expect(reply.error).toBeInstanceOf(ModelCallCancelled);
    expect(reply.error).toMatchObject({ partial: false });
    await vi.waitFor(async () => expect(await fake.control.requests()).toMatchObject([{ aborted: true }]), {
      timeout: 1_000,
      interval: 10,
    });
  });

  it('breaking out of the iteration also aborts the upstream request', async () => {
    await fake.control.setScenario({ failure: 'stall_mid_stream', chunks: 10, failAfterChunks: 5 });

    let seen = 0;
    for await (const event of stack().stream(chatRequest())) {
      if (event.type === 'delta' && ++seen === 2) break;
    }

    await vi.waitFor(async () => expect(await fake.control.requests()).toMatchObject([{ aborted: true }]), {
      timeout: 1_000,
      interval: 10,
    });
  });
});
