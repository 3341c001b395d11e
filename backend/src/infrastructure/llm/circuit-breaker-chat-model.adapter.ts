import CircuitBreaker from 'opossum';
import {
  ModelCallCancelled,
  type ChatModel,
  type ChatModelEvent,
  type ChatModelRequest,
} from '../../application/chat/ports/chat-model.port.js';
import { ModelUnavailable } from '../../domain/chat/model-errors.js';
import { ModelError } from './provider-failures.js';
import { failureFromAbort } from './abort-failure.js';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryable,
  sleep,
  type RetryPolicy,
} from './retry-policy.js';

/*
 * The circuit breaker in front of the model provider.
 *
 * One breaker call (opossum `fire`) per user request, covering everything up to the first event
 * of the reply: every attempt and the backoff between them (retry-policy.ts). What goes wrong
 * after the first token (idle timeout, a cut) ends that reply, but the provider had answered, so
 * it neither counts nor resets anything here.
 *
 * How a breaker call ends:
 * - success: the first event arrived. The failure streak goes back to 0; a half-open probe
 *   closes the circuit.
 * - failure: unreachable, 5xx/408, 429, a broken stream, a first-token timeout, anything we do
 *   not recognise. The streak grows; at `failureThreshold` consecutive failures we open the
 *   circuit. A failed half-open probe opens it again for another `resetTimeoutMs`.
 * - neutral: a refusal (a 4xx other than 429) or a cancellation by the caller. They neither
 *   count nor reset the streak: a refusal proves the provider is up for that request, not that
 *   it is healthy (one oversized context answered 400 between 503s must not hide an outage), and
 *   a cancellation proves nothing. In half-open, the circuit closes only when the provider has
 *   answered: a refusal closes it, a cancelled probe opens it again.
 *
 * opossum 9 opens on an error rate, never on a streak, so its rate rule is switched off
 * (volumeThreshold = ∞) and we call `open()` ourselves. opossum keeps the rest: the reset timer,
 * letting exactly one probe through when half-open, rejecting everything else at once (no
 * upstream call) while open. Its own timeout is off (TimeoutChatModel owns the clocks) and its
 * shared `abortController` option is not used: every request has its own controller.
 */

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerHooks {
  onStateChange?(state: CircuitState): void;
  /** A user request that counted as a failure (after its retries). */
  onFailure?(error: unknown, consecutiveFailures: number): void;
  /** A request refused at once because the circuit is open. */
  onRejected?(): void;
  /** An attempt failed before the first token and another follows after `delayMs`. */
  onRetry?(error: unknown, retry: number, delayMs: number): void;
}

export interface CircuitBreakerOptions {
  /** LLM_CIRCUIT_FAILURES: consecutive failed requests that open the circuit. */
  readonly failureThreshold: number;
  /** LLM_CIRCUIT_RESET_MS: how long it stays open before one probe is let through. */
  readonly resetTimeoutMs: number;
  readonly retry?: RetryPolicy;
  readonly hooks?: CircuitBreakerHooks;
  /** For the backoff jitter; [0, 1). */
  readonly random?: () => number;
}

interface Started {
  readonly iterator: AsyncIterator<ChatModelEvent>;
  readonly first: IteratorResult<ChatModelEvent>;
}

type Outcome = 'failure' | 'neutral';

function classify(error: unknown): Outcome {
  if (error instanceof ModelCallCancelled) return 'neutral';
  if (error instanceof ModelError && error.kind === 'rejected') return 'neutral';
  return 'failure';
}

export class CircuitBreakerChatModel implements ChatModel {
  private readonly breaker: CircuitBreaker<[ChatModelRequest], Started>;
  private readonly retry: RetryPolicy;
  private readonly hooks: CircuitBreakerHooks;
  private consecutiveFailures = 0;
  private openedAt = 0;

  constructor(
    private readonly inner: ChatModel,
    private readonly options: CircuitBreakerOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.hooks = options.hooks ?? {};
    this.breaker = new CircuitBreaker((request: ChatModelRequest) => this.untilFirstEvent(request), {
      name: 'llm',
      timeout: false,
      resetTimeout: options.resetTimeoutMs,
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      enableSnapshots: false,
      rollingPercentilesEnabled: false,
      // Filtered errors count as successes for opossum, which matters only when half-open.
      errorFilter: (error: unknown) =>
        classify(error) === 'neutral' && !(this.breaker.halfOpen && error instanceof ModelCallCancelled),
    });
    this.breaker.on('open', () => {
      this.openedAt = Date.now();
      this.hooks.onStateChange?.('open');
    });
    this.breaker.on('halfOpen', () => this.hooks.onStateChange?.('half_open'));
    this.breaker.on('close', () => {
      this.consecutiveFailures = 0;
      this.hooks.onStateChange?.('closed');
    });
  }

  state(): CircuitState {
    if (this.breaker.opened) return 'open';
    if (this.breaker.halfOpen) return 'half_open';
    return 'closed';
  }

  /**
   * Whether a request made now would be refused without an upstream call: open, or half-open
   * with its one probe already in flight. Lets a caller refuse before doing other work (quota).
   */
  isRejecting(): boolean {
    return this.breaker.opened || (this.breaker.halfOpen && !this.breaker.pendingClose);
  }

  /** Seconds until a request may get through again (for Retry-After); at least 1. */
  retryAfterSeconds(): number {
    if (!this.breaker.opened) return 1; // half-open: the probe's answer is due any moment
    const remainingMs = this.openedAt + this.options.resetTimeoutMs - Date.now();
    return Math.max(1, Math.ceil(remainingMs / 1000));
  }

  /** Stops the reset timer (shutdown, tests). Requests after this get ModelUnavailable. */
  shutdown(): void {
    this.breaker.shutdown();
  }

  async *stream(request: ChatModelRequest): AsyncGenerator<ChatModelEvent, void, undefined> {
    let started: Started;
    try {
      started = await this.breaker.fire(request);
    } catch (error) {
      if (error instanceof Error && CircuitBreaker.isOurError(error)) {
        this.hooks.onRejected?.();
        throw new ModelUnavailable(this.retryAfterSeconds());
      }
      this.settle(error);
      throw error;
    }
    this.consecutiveFailures = 0;

    const { iterator, first } = started;
    let ended = first.done === true;
    try {
      if (first.done) return;
      yield first.value;
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!ended) iterator.return?.().catch(() => undefined);
    }
  }

  private settle(error: unknown): void {
    if (classify(error) === 'neutral') return;
    this.consecutiveFailures += 1;
    this.hooks.onFailure?.(error, this.consecutiveFailures);
    if (this.consecutiveFailures >= this.options.failureThreshold && !this.breaker.opened)
      this.breaker.open();
  }

  /** The action of the one breaker call: attempts with backoff until the first event arrives. */
  private async untilFirstEvent(request: ChatModelRequest): Promise<Started> {
    for (let retry = 0; ; retry += 1) {
      const iterator = this.inner.stream(request)[Symbol.asyncIterator]();
      try {
        return { iterator, first: await iterator.next() };
      } catch (error) {
        if (retry >= this.retry.maxRetries || !isRetryable(error) || request.signal.aborted) throw error;
        const delayMs = backoffDelayMs(retry, this.retry, this.options.random);
        this.hooks.onRetry?.(error, retry + 1, delayMs);
        try {
          await sleep(delayMs, request.signal);
        } catch {
          throw failureFromAbort(request.signal, false);
        }
      }
    }
  }
}
