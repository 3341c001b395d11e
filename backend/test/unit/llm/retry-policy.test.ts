import { describe, expect, it } from 'vitest';
import { ModelCallCancelled } from '../../../src/application/chat/ports/chat-model.port.js';
import { ModelError, ModelTimeout } from '../../../src/infrastructure/llm/provider-failures.js';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryable,
  sleep,
} from '../../../src/infrastructure/llm/retry-policy.js';

const error = (kind: ModelError['kind'], partial = false) => new ModelError('x', { kind, partial });

describe('retry policy', () => {
  it('retries transient failures before any text, and nothing else', () => {
    expect(isRetryable(error('unreachable'))).toBe(true);
    expect(isRetryable(error('upstream_error'))).toBe(true);
    expect(isRetryable(error('rate_limited'))).toBe(true);
    expect(isRetryable(error('bad_stream'))).toBe(true);
    expect(isRetryable(error('rejected'))).toBe(false);
    expect(isRetryable(error('upstream_error', true))).toBe(false);
    expect(isRetryable(new ModelTimeout('first_token', false, 100))).toBe(false);
    expect(isRetryable(new ModelCallCancelled(false))).toBe(false);
    expect(isRetryable(new Error('unknown'))).toBe(false);
  });

  it('backs off exponentially with equal jitter, capped', () => {
    const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 500 };
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0))).toEqual([50, 100, 200, 250]);
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0.999999))).toEqual([
      100, 200, 400, 500,
    ]);
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBe(2);
  });

  it('sleep ends early with the reason of an abort', async () => {
    const controller = new AbortController();
    const reason = new ModelCallCancelled(false);
    const sleeping = sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
});
