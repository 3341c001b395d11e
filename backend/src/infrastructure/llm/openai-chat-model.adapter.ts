import OpenAI from 'openai';
import type {
  ChatModel,
  ChatModelEvent,
  ChatModelRequest,
  ChatModelUsage,
} from '../../application/chat/ports/chat-model.port.js';
import { ModelError } from './provider-failures.js';
import { LinkedAbort } from './abort-failure.js';
import { toModelFailure } from './openai-error-mapper.js';
import { readSseData } from './sse-data-reader.js';

export interface OpenAiChatModelOptions {
  /** An OpenAI-compatible base URL, ending in `/v1`. */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly model: string;
  /** The SDK's own timeout (until response headers): a backstop behind TimeoutChatModel. */
  readonly requestTimeoutMs: number;
}

/** The fields of a streamed chunk we read (OpenAI `chat.completion.chunk`, loosely typed). */
interface StreamChunk {
  model?: string;
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/**
 * One attempt at one reply from an OpenAI-compatible endpoint, streamed. No retries, no timers,
 * no breaker: TimeoutChatModel and CircuitBreakerChatModel wrap it (see create-chat-model.ts).
 *
 * The SDK builds and sends the request and turns non-2xx answers into its error classes (its own
 * retries are off: ours run inside the breaker). We read the SSE body ourselves because the
 * reply is only complete when `data: [DONE]` arrives: a body that ends without it, even after a
 * `finish_reason`, is treated as cut off (`bad_stream`). That is the safe reading: a reply that
 * might be truncated is stored as `interrupted` with its text, never passed off as `complete`.
 */
export class OpenAiChatModel implements ChatModel {
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiChatModelOptions) {
    this.client = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: options.requestTimeoutMs,
      logLevel: 'off',
    });
  }

  async *stream(request: ChatModelRequest): AsyncGenerator<ChatModelEvent, void, undefined> {
    const upstream = new LinkedAbort(request.signal);
    let emitted = 0;
    let finished = false;
    let events: AsyncGenerator<string, void, undefined> | undefined;
    const fail = (error: unknown) =>
      toModelFailure(error, upstream.signal, emitted > 0, this.options.requestTimeoutMs);
    try {
      let body: AsyncIterable<Uint8Array>;
      try {
        const response = await this.client.chat.completions
          .create(
            {
              model: this.options.model,
              messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
              stream: true,
              stream_options: { include_usage: true },
              temperature: request.temperature,
              top_p: request.topP,
              max_tokens: request.maxTokens,
            },
            { signal: upstream.signal },
          )
          .asResponse();
        if (!response.body)
          throw new ModelError('The model provider sent no body.', { kind: 'bad_stream', partial: false });
        body = response.body as unknown as AsyncIterable<Uint8Array>;
      } catch (error) {
        throw fail(error);
      }

      let finishReason: string | undefined;
      let usage: ChatModelUsage | undefined;
      let model: string | undefined;
      let sawDone = false;
      events = readSseData(body);
      for (;;) {
        let data: string;
        try {
          const next = await events.next();
          if (next.done) break;
          data = next.value;
        } catch (error) {
          throw fail(error);
        }
        // Chunks already read stay in the buffer after an abort: none of them may go out.
        if (upstream.signal.aborted) throw fail(undefined);
        if (data === '[DONE]') {
          sawDone = true;
          await events.return();
          break;
        }
        const chunk = parseChunk(data, emitted > 0);
        model ??= chunk.model;
        if (chunk.usage) {
          usage = {
            promptTokens: chunk.usage.prompt_tokens ?? 0,
            completionTokens: chunk.usage.completion_tokens ?? 0,
          };
        }
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const text = choice?.delta?.content;
        if (text) {
          emitted += 1;
          yield { type: 'delta', text };
        }
      }
      if (upstream.signal.aborted) throw fail(undefined);
      if (!sawDone) {
        throw new ModelError('The model stream ended before it was complete.', {
          kind: 'bad_stream',
          partial: emitted > 0,
        });
      }
      finished = true;
      yield {
        type: 'done',
        finishReason: finishReason ?? 'unknown',
        ...(usage && { usage }),
        ...(model && { model }),
      };
    } finally {
      upstream.release(finished);
      // Lets the reader release the body if we stopped in the middle (it is aborted by now).
      events?.return().catch(() => undefined);
    }
  }
}

function parseChunk(data: string, partial: boolean): StreamChunk {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch (error) {
    throw new ModelError('The model stream sent a malformed chunk.', {
      kind: 'bad_stream',
      partial,
      cause: error,
    });
  }
  if (typeof chunk !== 'object' || chunk === null) {
    throw new ModelError('The model stream sent a malformed chunk.', { kind: 'bad_stream', partial });
  }
  const typed = chunk as StreamChunk;
  if (typed.error) {
    throw new ModelError('The model provider reported an error mid-stream.', {
      kind: 'upstream_error',
      partial,
      cause: new Error(typed.error.message ?? 'unknown error'),
    });
  }
  return typed;
}
