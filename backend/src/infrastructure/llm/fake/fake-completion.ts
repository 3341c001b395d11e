import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeRequestRecord } from './fake-model-control.js';
import { flushed, openAiError, pause, readBody, sendJson, write } from './fake-http.js';
import {
  demoReply,
  estimatePromptTokens,
  estimateTokens,
  limitToMaxTokens,
  splitIntoChunks,
  type FakeMessage,
} from './fake-reply.js';
import type { FakeScenario } from './fake-scenario.js';

/*
 * `POST /v1/chat/completions` of the fake model: OpenAI's streaming chunks (a role preamble, the
 * text in `scenario.chunks` pieces, a finish chunk, a usage chunk when
 * `stream_options.include_usage`, `data: [DONE]`) or one JSON answer, bent by the scenario's
 * failure. Every request is recorded, with whether the client went away before the end.
 */

export interface CompletionDeps {
  readonly modelId: string;
  takeScenario(): FakeScenario;
  nextId(): string;
  record(request: FakeRequestRecord): void;
}

interface CompletionBody {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
}

export async function serveCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  deps: CompletionDeps,
): Promise<void> {
  let body: CompletionBody;
  try {
    body = JSON.parse(await readBody(req)) as CompletionBody;
  } catch {
    return sendJson(res, 400, openAiError('The body is not valid JSON.', 'invalid_request_error'));
  }
  const messages = parseMessages(body.messages);
  if (!messages)
    return sendJson(
      res,
      400,
      openAiError('messages must be a non-empty array of {role, content}.', 'invalid_request_error'),
    );

  const scenario = deps.takeScenario();
  const record: FakeRequestRecord = {
    id: deps.nextId(),
    at: new Date().toISOString(),
    body,
    failure: scenario.failure,
    aborted: false,
    chunksSent: 0,
    finished: false,
  };
  deps.record(record);

  // The client is gone when the response closes before it finished (a POST's `req` closes as
  // soon as its body is read, so it cannot tell). A cut we make ourselves is not an abort.
  const gone = new AbortController();
  let cutByUs = false;
  res.on('close', () => {
    if (!res.writableFinished && !cutByUs) {
      record.aborted = true;
      record.abortedAt = new Date().toISOString();
    }
    gone.abort();
  });
  const finish = () => {
    record.finished = true;
  };

  if (!(await pause(scenario.firstTokenDelayMs, gone.signal))) return;
  if (scenario.failure === 'http_500') {
    sendJson(res, 500, openAiError('The fake model failed (scenario http_500).', 'server_error'));
    return finish();
  }
  if (scenario.failure === 'http_400') {
    sendJson(
      res,
      400,
      openAiError('The fake model refused the request (scenario http_400).', 'invalid_request_error'),
    );
    return finish();
  }
  if (scenario.failure === 'http_429') {
    sendJson(res, 429, openAiError('Too many requests (scenario http_429).', 'rate_limit_exceeded'), {
      'retry-after': '1',
    });
    return finish();
  }

  const model = typeof body.model === 'string' ? body.model : deps.modelId;
  const maxTokens = positiveInt(body.max_tokens) ?? positiveInt(body.max_completion_tokens);
  const { text, finishReason } = limitToMaxTokens(scenario.text ?? demoReply(messages), maxTokens);
  const usage = {
    prompt_tokens: estimatePromptTokens(messages),
    completion_tokens: estimateTokens(text),
    total_tokens: estimatePromptTokens(messages) + estimateTokens(text),
  };
  const id = `chatcmpl-fake-${record.id}`;
  const created = Math.floor(Date.now() / 1000);

  if (body.stream !== true) {
    if (scenario.failure.startsWith('stall')) return void (await pause(Infinity, gone.signal));
    if (scenario.failure === 'cut_mid_stream') {
      cutByUs = true;
      res.destroy();
      return;
    }
    if (scenario.failure === 'malformed_chunk') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "broken", "choices": [');
      return finish();
    }
    const message = { role: 'assistant', content: text, refusal: null };
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      system_fingerprint: null,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage,
    });
    return finish();
  }

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  if (scenario.failure === 'stall_before_first_token') return void (await pause(Infinity, gone.signal));

  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: object = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: null,
    choices,
    ...(includeUsage && { usage: null }),
    ...extra,
  });
  const send = (data: unknown) =>
    write(res, `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`, gone.signal);

  const pieces = splitIntoChunks(text, scenario.chunks);
  const midStream = ['stall_mid_stream', 'cut_mid_stream', 'malformed_chunk'].includes(scenario.failure);
  const failAt = scenario.failAfterChunks ?? Math.floor(pieces.length / 2);

  if (
    !(await send(
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
    ))
  )
    return;
  for (let i = 0; i <= pieces.length; i += 1) {
    if (midStream && i === failAt) {
      if (scenario.failure === 'stall_mid_stream') return void (await pause(Infinity, gone.signal));
      if (scenario.failure === 'cut_mid_stream') {
        await flushed(res, gone.signal);
        cutByUs = true;
        res.destroy();
        return;
      }
      // malformed_chunk: a broken line, then the rest as if nothing happened (a client must notice).
      if (!(await send('{"id": "broken", "choices": [{"delta": {"content": "oops'))) return;
    }
    if (i === pieces.length) break;
    if (i > 0 && !(await pause(scenario.chunkGapMs, gone.signal))) return;
    if (
      !(await send(chunk([{ index: 0, delta: { content: pieces[i] }, logprobs: null, finish_reason: null }])))
    )
      return;
    record.chunksSent += 1;
  }
  if (!(await send(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }])))) return;
  if (includeUsage && !(await send(chunk([], { usage })))) return;
  if (scenario.failure !== 'no_done' && !(await send('[DONE]'))) return;
  res.end();
  finish();
}

function parseMessages(value: unknown): FakeMessage[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const messages: FakeMessage[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { role, content } = item as { role?: unknown; content?: unknown };
    if (typeof role !== 'string') return undefined;
    messages.push({ role, content: typeof content === 'string' ? content : JSON.stringify(content ?? '') });
  }
  return messages;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
