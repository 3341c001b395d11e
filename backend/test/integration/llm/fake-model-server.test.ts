import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeModelControlClient,
  waitForRequests,
} from '../../../src/infrastructure/llm/fake/fake-model-control.client.js';
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../../src/infrastructure/llm/fake/fake-model-server.js';

/* The fake model's own contract: what e2e, benchmarks and the demo model rely on. */

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let fake: FakeModelServer;
let control: FakeModelControlClient;

function post(body: object, signal?: AbortSignal) {
  return fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

const ask = (content: string) => ({
  model: 'm-1',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content },
  ],
});

/** The `data:` payloads of an SSE body, in order. */
function sseData(raw: string): string[] {
  expect(raw.endsWith('\n\n')).toBe(true);
  return raw
    .split('\n\n')
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      return event.slice('data: '.length);
    });
}

beforeAll(async () => {
  fake = await startFakeModelServer({ model: 'demo-model' });
  control = new FakeModelControlClient(fake.url);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  await control.reset();
});

/** The parts of an OpenAI stream chunk these tests read. */
interface CompletionChunk {
  id: string;
  choices: { delta: { content?: string } }[];
  usage?: unknown;
}

describe('POST /v1/chat/completions', () => {
  it('streams OpenAI chunks: a role preamble, text, the finish reason, usage, then [DONE]', async () => {
    const response = await post({ ...ask('Hi'), stream: true, stream_options: { include_usage: true } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const data = sseData(await response.text());
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as CompletionChunk);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: chunks[0]!.id,
        object: 'chat.completion.chunk',
        model: 'm-1',
        created: expect.any(Number),
      });
    }
    expect(chunks[0]!.choices).toEqual([
      { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
    ]);
    const texts = chunks.slice(1, -2).map((c) => c.choices[0]!.delta.content);
    expect(texts).toHaveLength(12);
    expect(chunks.at(-2)!.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('sends no usage chunk unless asked', async () => {
    const data = sseData(await (await post({ ...ask('Hi'), stream: true })).text());
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Record<string, unknown>);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
    expect(data.at(-1)).toBe('[DONE]');
  });

  it('answers by default with Markdown about the last user message: a heading, a list and a code block', async () => {
    const response = await post(ask('How do I reverse a list in Python?'));
    const body = (await response.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
    };
    const text = body.choices[0]!.message.content;

    expect(text).toMatch(/^## .+/m);
    expect(text).toMatch(/^- .+/m);
    expect(text).toMatch(/^```\w*\n[\s\S]+?\n```$/m);
    expect(text).toContain('How do I reverse a list in Python?');
    expect(body.choices[0]!.finish_reason).toBe('stop');
    // Deterministic: the same question gets the same answer.
    const again = (await (await post(ask('How do I reverse a list in Python?'))).json()) as typeof body;
    expect(again.choices[0]!.message.content).toBe(text);
  });

  it('answers 400 to a body without messages', async () => {
    const response = await post({ model: 'm' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

it('GET /v1/models lists the model', async () => {
  const response = await fetch(`${fake.url}/models`);
  expect(await response.json()).toEqual({
    object: 'list',
    data: [{ id: 'demo-model', object: 'model', created: 0, owned_by: 'parley' }],
  });
});

describe('control API over HTTP', () => {
  it('applies a scenario with times to the next N requests only, then the standing one is back', async () => {
    await control.setScenario({ failure: 'http_500', times: 2 });
    expect(await control.scenario()).toMatchObject({
      standing: { failure: 'none' },
      next: { failure: 'http_500', remaining: 2 },
    });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(ask(`n${i}`))).status);

    expect(statuses).toEqual([500, 500, 200]);
    expect((await control.requests()).map((r) => r.failure)).toEqual(['http_500', 'http_500', 'none']);
  });

  it('answers 429 with Retry-After', async () => {
    await control.setScenario({ failure: 'http_429' });
    const response = await post(ask('x'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('rejects a scenario it does not know', async () => {
    await expect(control.setScenario({ failure: 'explode' as never })).rejects.toThrow(
      /HTTP 400.*failure must be one of/,
    );
    await expect(control.setScenario({ chunks: -1 })).rejects.toThrow(/HTTP 400/);
  });

  it('records a client that went away, and when', async () => {
    await control.setScenario({ failure: 'stall_mid_stream', failAfterChunks: 2 });
    const controller = new AbortController();
    const response = await post({ ...ask('x'), stream: true }, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();

    controller.abort();

    const [record] = await waitForRequests(control, (requests) => requests[0]?.aborted === true, {
      timeoutMs: 1_000,
    });
    expect(record).toMatchObject({ aborted: true, finished: false, abortedAt: expect.any(String) });
  });

  it('does not record its own cut as a client abort', async () => {
    await control.setScenario({ failure: 'cut_mid_stream', failAfterChunks: 2 });
    const response = await post({ ...ask('x'), stream: true });
    await expect(response.text()).rejects.toThrow();

    const [record] = await control.requests();
    expect(record).toMatchObject({ aborted: false, finished: false, chunksSent: 2 });
  });

  it('reset forgets the recorded requests', async () => {
    await post(ask('x'));
    expect(await control.requests()).toHaveLength(1);
    await control.reset();
    expect(await control.requests()).toEqual([]);
  });
});

it('the CLI starts a server and prints its URL', async () => {
  const child = spawn(
    path.join(backendDir, 'node_modules/.bin/tsx'),
    ['src/infrastructure/llm/fake/fake-model-server.cli.ts', '--port', '0'],
    {
      cwd: backendDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await vi.waitFor(
      () => {
        const line = out.split('\n')[0] ?? '';
        if (!out.includes('\n')) throw new Error('no URL yet');
        return line;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect((await fetch(`${url}/models`)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
});
