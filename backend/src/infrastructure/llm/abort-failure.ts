import { ModelCallCancelled } from '../../application/chat/ports/chat-model.port.js';
import { ModelTimeout } from './provider-failures.js';

/**
 * The error that ends a model call whose signal was aborted. Whoever aborts puts the reason on
 * the signal: the timeout guard aborts with a `ModelTimeout`; anything else (the client went
 * away, the user pressed stop) is a cancellation. `partial` is re-stamped from the view of the
 * layer that throws, which knows whether it had yielded text.
 */
export function failureFromAbort(signal: AbortSignal, partial: boolean): ModelTimeout | ModelCallCancelled {
  const reason: unknown = signal.reason;
  if (reason instanceof ModelTimeout) {
    return reason.partial === partial ? reason : new ModelTimeout(reason.phase, partial, reason.afterMs);
  }
  if (reason instanceof ModelCallCancelled && reason.partial === partial) return reason;
  return new ModelCallCancelled(partial);
}

/**
 * One AbortController for one upstream request, linked to the caller's signal: aborting the
 * caller's signal aborts it (with the same reason), and `release()` aborts it too unless the
 * request finished, so an abandoned iteration never leaves a request running.
 */
export class LinkedAbort {
  private readonly controller = new AbortController();
  private readonly onParentAbort = () => this.controller.abort(this.parent.reason);

  constructor(private readonly parent: AbortSignal) {
    if (parent.aborted) this.controller.abort(parent.reason);
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  release(finished: boolean): void {
    this.parent.removeEventListener('abort', this.onParentAbort);
    if (!finished && !this.controller.signal.aborted) this.controller.abort(new ModelCallCancelled(false));
  }
}
