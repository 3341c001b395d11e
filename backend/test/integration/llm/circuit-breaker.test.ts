import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelCallCancelled } from '../../../src/application/chat/ports/chat-model.port.js';
import { ModelUnavailable } from '../../../src/domain/chat/model-errors.js';
import type { CircuitState } from '../../../src/infrastructure/llm/circuit-breaker-chat-model.adapter.js';
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
 * The breaker through the whole stack against the fake model: it opens after N consecutive
 * failed requests (not N failed attempts), refuses at once with zero upstream calls while open,
 * lets one probe through after the reset time, and closes on the probe's success.
 */

const RESET_MS = 300;
let fake: FakeModelServer;
let model: ResilientChatModel;
let states: CircuitState[];
let failures: number[];
let nextState: { state: CircuitState; resolve: () => void } | undefined;

/** Resolves when the breaker reports `state` (an event, not a sleep). */
function whenState(state: CircuitState): Promise<void> {
  return new Promise((resolve) => {
    nextState = { state, resolve };
  });
}

function build(overrides: Parameters<typeof settings>[1] = {}) {
  model?.close();
  model = createChatModel(
    settings(fake.url, { circuitFailures: 5, circuitResetMs: RESET_MS, ...overrides }),
    {
      retry: FAST_RETRY,
      hooks: {
        onStateChange: (state) => {
          states.push(state);
          if (nextState?.state === state) nextState.resolve();
        },
        onFailure: (_error, consecutive) => failures.push(consecutive),
      },
    },
  );
}

async function send() {
  return collect(model.chatModel.stream(chatRequest()));
}

async function failRequests(count: number) {
  for (let i = 0; i < count; i += 1) {
    const reply = await send();
    expect(reply.error).toMatchObject({ code: 'llm_error' });
  }
}

beforeAll(async () => {
  fake = await startFakeModelServer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  await fake.control.reset();
  states = [];
  failures = [];
  nextState = undefined;
  build();
});
afterEach(() => model.close());

describe('opening', () => {
  it('opens after 5 failed requests; the 6th gets llm_unavailable at once with zero upstream calls', async () => {
    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(5);
    const upstreamCalls = (await fake.control.requests()).length;

    const sixth = await send();

    expect(upstreamCalls).toBe(15); // 5 requests × (1 attempt + 2 retries): one breaker call each
    expect(failures).toEqual([1, 2, 3, 4, 5]);
    expect(states).toEqual(['open']);
    expect(model.circuitState()).toBe('open');
    expect(sixth.error).toBeInstanceOf(ModelUnavailable);
    expect(sixth.error).toMatchObject({ code: 'llm_unavailable', retryAfterSeconds: 1 });
    expect(await fake.control.requests()).toHaveLength(upstreamCalls);
    expect(model.unavailableFor()).toBe(1);
  });

  it('says how long until the probe in retryAfterSeconds', async () => {
    build({ circuitFailures: 1, circuitResetMs: 30_000 });
    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(1);

    const refused = await send();

    expect(refused.error).toMatchObject({ code: 'llm_unavailable', retryAfterSeconds: 30 });
    expect(model.unavailableFor()).toBe(30);
  });

  it('a success resets the streak', async () => {
    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(4);
    await fake.control.setScenario({ failure: 'none' });
    expect((await send()).done?.finishReason).toBe('stop');
    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(4);

    expect(model.circuitState()).toBe('closed');
    expect(failures).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('a 4xx refusal neither counts nor resets the streak', async () => {
    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(4);
    await fake.control.setScenario({ failure: 'http_400' });
    expect((await send()).error).toMatchObject({ kind: 'rejected' });
    expect(model.circuitState()).toBe('closed'); // it did not count as the 5th

    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(1);

    expect(model.circuitState()).toBe('open'); // and it did not reset the first four
    expect(failures).toEqual([1, 2, 3, 4, 5]);
  });

  it('first-token timeouts count as failures', async () => {
    build({ circuitFailures: 2, timeoutMs: 150 });
    await fake.control.setScenario({ failure: 'stall_before_first_token' });

    for (let i = 0; i < 2; i += 1) expect((await send()).error).toMatchObject({ code: 'llm_timeout' });

    expect(model.circuitState()).toBe('open');
  });

  it('a cancellation by the caller does not count', async () => {
    build({ circuitFailures: 1 });
    await fake.control.setScenario({ failure: 'stall_before_first_token' });
    const controller = new AbortController();
    const pending = collect(model.chatModel.stream(chatRequest({ signal: controller.signal })));
    await vi.waitFor(async () => expect(await fake.control.requests()).toHaveLength(1), {
      timeout: 1_000,
      interval: 10,
    });

    controller.abort();

    expect((await pending).error).toBeInstanceOf(ModelCallCancelled);
    expect(model.circuitState()).toBe('closed');
    expect(failures).toEqual([]);
  });
});

describe('half-open', () => {
  async function openIt() {
    build({ circuitFailures: 1 });
    await fake.control.setScenario({ failure: 'http_500' });
    await failRequests(1);
    expect(model.circuitState()).toBe('open');
    await fake.control.reset();
  }

  it('after the reset time lets one probe through, and its success closes the circuit', async () => {
    await openIt();
    const halfOpen = whenState('half_open');
    expect((await send()).error).toBeInstanceOf(ModelUnavailable);
    expect(await fake.control.requests()).toHaveLength(0);

    await halfOpen;
    expect(model.circuitState()).toBe('half_open');
    expect(model.unavailableFor()).toBeUndefined(); // the next request may be the probe
    const probe = await send();

    expect(probe.error).toBeUndefined();
    expect(probe.done?.finishReason).toBe('stop');
    expect(await fake.control.requests()).toHaveLength(1);
    expect(model.circuitState()).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'closed']);
  });

  it('a failed probe opens the circuit again', async () => {
    await openIt();
    await whenState('half_open');
    await fake.control.setScenario({ failure: 'http_500' });

    expect((await send()).error).toMatchObject({ code: 'llm_error' });

    expect(model.circuitState()).toBe('open');
    expect((await send()).error).toBeInstanceOf(ModelUnavailable);
    expect(states).toEqual(['open', 'half_open', 'open']);
  });

  it('only one probe: a request while the probe is in flight is refused without an upstream call', async () => {
    await openIt();
    await whenState('half_open');
    await fake.control.setScenario({ failure: 'stall_before_first_token' });
    const controller = new AbortController();
    const probe = collect(model.chatModel.stream(chatRequest({ signal: controller.signal })));
    await vi.waitFor(async () => expect(await fake.control.requests()).toHaveLength(1), {
      timeout: 1_000,
      interval: 10,
    });

    expect(model.unavailableFor()).toBe(1);
    expect((await send()).error).toBeInstanceOf(ModelUnavailable);
    expect(await fake.control.requests()).toHaveLength(1);

    // A probe the caller cancels proved nothing: the circuit opens again.
    controller.abort();
    expect((await probe).error).toBeInstanceOf(ModelCallCancelled);
    expect(model.circuitState()).toBe('open');
  });

  it('a 4xx probe closes it: the provider answered', async () => {
    await openIt();
    await whenState('half_open');
    await fake.control.setScenario({ failure: 'http_400', times: 1 });

    expect((await send()).error).toMatchObject({ kind: 'rejected' });

    expect(model.circuitState()).toBe('closed');
    expect((await send()).done?.finishReason).toBe('stop');
  });
});
