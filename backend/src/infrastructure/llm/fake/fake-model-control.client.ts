import type { FakeModelControl, FakeRequestRecord } from './fake-model-control.js';
import type { FakeScenarioState, FakeScenarioUpdate } from './fake-scenario.js';

/**
 * The fake model's control API over HTTP, for tests, e2e and benchmarks that run it in another
 * process. `url` is the server's base URL, with or without the trailing `/v1`.
 */
export class FakeModelControlClient implements FakeModelControl {
  private readonly root: string;

  constructor(url: string) {
    this.root = url.replace(/\/+$/, '').replace(/\/v1$/, '');
  }

  async setScenario(update: FakeScenarioUpdate): Promise<void> {
    await this.call('PUT', '/__control/scenario', update);
  }

  async scenario(): Promise<FakeScenarioState> {
    return (await this.call('GET', '/__control/scenario')) as FakeScenarioState;
  }

  async reset(): Promise<void> {
    await this.call('POST', '/__control/reset');
  }

  async requests(): Promise<FakeRequestRecord[]> {
    return (await this.call('GET', '/__control/requests')) as FakeRequestRecord[];
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.root}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`fake model control ${method} ${path}: HTTP ${response.status} ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}

/**
 * Polls the recorded requests until `predicate` holds (e.g. "the last one was aborted"), for
 * at most `timeoutMs`. Conditions on another process cannot be awaited as events.
 */
export async function waitForRequests(
  control: FakeModelControl,
  predicate: (requests: FakeRequestRecord[]) => boolean,
  { timeoutMs = 2_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<FakeRequestRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const requests = await control.requests();
    if (predicate(requests)) return requests;
    if (Date.now() >= deadline) {
      throw new Error(
        `fake model: condition not met within ${timeoutMs} ms; requests: ${JSON.stringify(requests.map(({ body: _body, ...rest }) => rest))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
