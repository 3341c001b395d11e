import {
  ModelCallCancelled,
  type ChatModel,
  type ChatModelAvailability,
  type ChatModelEvent,
  type ChatModelRequest,
  type ChatModelUsage,
} from '../../../src/application/chat/ports/chat-model.port.js';

export interface ModelScript {
  /** The deltas, in order. */
  readonly deltas: readonly string[];
  /** Thrown after `failAfter` deltas (default: all of them) instead of `done`. */
  readonly failure?: Error;
  readonly failAfter?: number;
  /** Wait before the delta with this index until `release()` (or the caller's abort). */
  readonly holdAt?: number;
  readonly usage?: ChatModelUsage;
  readonly finishReason?: string;
}

/**
 * A ChatModel for unit tests that keeps the port's contract: non-empty deltas, then one `done`
 * or a throw; the caller's abort ends it with ModelCallCancelled at once, also while it holds.
 * It remembers each request and whether the caller aborted it or left the iteration early.
 */
export class ScriptedChatModel implements ChatModel, ChatModelAvailability {
  readonly calls: { request: ChatModelRequest; aborted: boolean; leftEarly: boolean; sent: number }[] = [];
  /** Seconds of an open circuit, for the send's check; undefined when closed. */
  openFor: number | undefined;
  private current: ModelScript = { deltas: ['Hello', ', ', 'world'] };
  private waiters: (() => void)[] = [];
  private released = false;

  get script(): ModelScript {
    return this.current;
  }

  /** The script of the next streams; a new script holds again at its `holdAt`. */
  set script(script: ModelScript) {
    this.current = script;
    this.released = false;
  }

  unavailableFor(): number | undefined {
    return this.openFor;
  }

  /** Lets every held stream go on, and the later ones pass `holdAt` without holding. */
  release(): void {
    this.released = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `count` streams are holding (at `holdAt`). */
  async holding(count = 1): Promise<void> {
    while (this.waiters.length < count) await new Promise((resolve) => setImmediate(resolve));
  }

  stream(request: ChatModelRequest): AsyncIterable<ChatModelEvent> {
    const call = { request, aborted: false, leftEarly: false, sent: 0 };
    this.calls.push(call);
    const script = this.script;
    const signal = request.signal;
    signal.addEventListener('abort', () => (call.aborted = true), { once: true });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const model = this;
    async function* run(): AsyncGenerator<ChatModelEvent, void, undefined> {
      let finished = false;
      try {
        for (const [index, text] of script.deltas.entries()) {
          if (index === (script.failAfter ?? Infinity)) break;
          if (index === script.holdAt) await model.hold(signal);
          if (signal.aborted) throw new ModelCallCancelled(call.sent > 0);
          call.sent++;
          yield { type: 'delta', text };
        }
        finished = true;
        if (script.failure) throw script.failure;
        yield { type: 'done', finishReason: script.finishReason ?? 'stop', usage: script.usage };
      } finally {
        if (!finished && !signal.aborted) call.leftEarly = true;
      }
    }
    return run();
  }

  private hold(signal: AbortSignal): Promise<void> {
    if (this.released || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', wake);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve();
      };
      this.waiters.push(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
