import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ModelCallCancelled } from '../../application/chat/ports/chat-model.port.js';
import { ModelError, ModelTimeout, type ModelCallFailure } from './provider-failures.js';
import { failureFromAbort } from './abort-failure.js';

/**
 * Turns whatever the SDK or the body read threw into one of our model errors. An aborted signal
 * wins over the error itself: what the SDK reports after an abort (APIUserAbortError, a
 * DOMException, "terminated") only tells that we pulled the plug, and the signal says why.
 */
export function toModelFailure(
  error: unknown,
  signal: AbortSignal,
  partial: boolean,
  timeoutMs: number,
): ModelCallFailure {
  if (signal.aborted) return failureFromAbort(signal, partial);
  if (error instanceof ModelError || error instanceof ModelTimeout || error instanceof ModelCallCancelled)
    return error;
  if (error instanceof APIUserAbortError) return new ModelCallCancelled(partial);
  // The SDK's own clock (response headers only) is a backstop behind the timeout guard.
  if (error instanceof APIConnectionTimeoutError) return new ModelTimeout('first_token', partial, timeoutMs);
  if (error instanceof APIConnectionError) {
    return new ModelError('The model provider could not be reached.', {
      kind: 'unreachable',
      partial,
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const kind =
      status === 429 ? 'rate_limited' : status >= 500 || status === 408 ? 'upstream_error' : 'rejected';
    const message =
      kind === 'rejected'
        ? `The model provider refused the request (HTTP ${status}).`
        : `The model provider answered with an error (HTTP ${status}).`;
    return new ModelError(message, { kind, partial, upstreamStatus: status, cause: error });
  }
  // A body read that fails without an abort: the connection broke mid-way ("terminated").
  return new ModelError('The connection to the model provider broke.', {
    kind: 'unreachable',
    partial,
    cause: error,
  });
}
