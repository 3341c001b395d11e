/*
 * Follows a running reply to its final event over GET .../stream, reconnecting when the
 * connection drops: each attempt asks for the events after the last one received (`open`
 * reads it when called), with backoff, so nothing is missed and nothing repeats. The reply runs
 * on the server whatever happens here; this only decides how long to keep listening:
 *  - until the final event (`ended`);
 *  - until the server says there is nothing to follow (`gone`: 404 for a deleted chat, 403 when
 *    the session is over, ...): the stored message says how it ended;
 *  - until `signal` aborts (the page went away).
 * Network failures, 5xx and 429 are retried for as long as it takes: a reply always ends (the
 * server sweeps the ones whose instance died), and a stream of an ended reply answers at once.
 */
import { ApiError, toApiError } from '@/lib/api/api-error';
import { readEventStream } from '@/lib/sse/read-event-stream';
import { backoffDelay, pause, waitUntilOnline } from '@/lib/wait';
import { isFinal, toReplyEvent, type ReplyEvent } from './reply-events';

export type FollowOutcome = { kind: 'ended' } | { kind: 'gone'; error: ApiError } | { kind: 'aborted' };

export interface FollowOptions {
  /** Opens the stream after the last event received so far. */
  open(signal: AbortSignal): Promise<Response>;
  onEvent(event: ReplyEvent): void;
  /** The connection dropped; the next attempt waits for its backoff (and for the network). */
  onReconnecting(): void;
  signal: AbortSignal;
  /** The connection has already dropped once (the sender's own stream): start by waiting. */
  dropped?: boolean;
}

const retryable = (error: ApiError) => error.status === 0 || error.status === 429 || error.status >= 500;

export async function followReply({
  open,
  onEvent,
  onReconnecting,
  signal,
  dropped = false,
}: FollowOptions): Promise<FollowOutcome> {
  let failures = dropped ? 1 : 0;
  for (;;) {
    if (failures > 0) {
      onReconnecting();
      if (!(await pause(backoffDelay(failures), signal))) return { kind: 'aborted' };
      await waitUntilOnline(signal);
    }
    if (signal.aborted) return { kind: 'aborted' };
    try {
      const response = await open(signal);
      if (!response.ok || !response.body) {
        const error = await toApiError(response);
        if (!retryable(error)) return { kind: 'gone', error };
        failures += 1;
        continue;
      }
      for await (const message of readEventStream(response.body, signal)) {
        const event = toReplyEvent(message);
        if (!event) continue; // Events of newer servers.
        onEvent(event);
        failures = 0;
        if (isFinal(event)) return { kind: 'ended' };
      }
    } catch (error) {
      if (signal.aborted) return { kind: 'aborted' };
      // The session could not be renewed (authFetch): nothing more to follow.
      if (error instanceof ApiError && !retryable(error)) return { kind: 'gone', error };
    }
    // The stream ended or broke before its final event.
    failures += 1;
  }
}
