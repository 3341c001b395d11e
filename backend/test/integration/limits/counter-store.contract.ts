import { beforeEach, describe, expect, it } from 'vitest';
import type { CounterStore } from '../../../src/application/ports/counter-store.port.js';
import { uniqueId } from './limits-test-kit.js';

export interface CounterStoreHarness {
  readonly store: CounterStore;
  /** A window the test can outlive: moved past on a manual clock, or waited out on Redis's own clock. */
  readonly shortWindowMs: number;
  /** Lets the window of `key` end: moves the clock (in-process) or waits until Redis has expired it. */
  outlive(key: string, windowMs: number): Promise<void>;
}

/** What every CounterStore must do (the login throttle counts failures with it). */
export function describeCounterStoreContract(
  name: string,
  create: () => Promise<CounterStoreHarness> | CounterStoreHarness,
): void {
  describe(`CounterStore contract: ${name}`, () => {
    let harness: CounterStoreHarness;
    let key: string;
    const WINDOW = 60_000;

    beforeEach(async () => {
      harness = await create();
      key = `login:failures:email:${uniqueId()}`;
    });

    it('counts hits within a window and says when it ends', async () => {
      const first = await harness.store.increment(key, WINDOW);
      expect(first.count).toBe(1);
      expect(first.resetInMs).toBeGreaterThan(0);
      expect(first.resetInMs).toBeLessThanOrEqual(WINDOW);
      expect((await harness.store.increment(key, WINDOW)).count).toBe(2);
      expect((await harness.store.increment(key, WINDOW)).count).toBe(3);
    });

    it('peek shows the count without adding to it; an unknown key is 0 with nothing to wait for', async () => {
      expect(await harness.store.peek(key)).toEqual({ count: 0, resetInMs: 0 });
      await harness.store.increment(key, WINDOW);
      for (let i = 0; i < 3; i++) expect((await harness.store.peek(key)).count).toBe(1);
      expect((await harness.store.increment(key, WINDOW)).count).toBe(2);
    });

    it('is a fixed window: later hits do not push its end further away', async () => {
      const first = await harness.store.increment(key, WINDOW);
      const second = await harness.store.increment(key, WINDOW);
      expect(second.resetInMs).toBeLessThanOrEqual(first.resetInMs);
      expect((await harness.store.peek(key)).resetInMs).toBeLessThanOrEqual(second.resetInMs);
    });

    it('starts again from 1 once the window has ended', async () => {
      const window = harness.shortWindowMs;
      await harness.store.increment(key, window);
      await harness.store.increment(key, window);
      await harness.outlive(key, window);
      expect(await harness.store.peek(key)).toEqual({ count: 0, resetInMs: 0 });
      const fresh = await harness.store.increment(key, window);
      expect(fresh.count).toBe(1);
      expect(fresh.resetInMs).toBeGreaterThan(0);
    });

    it('reset clears one key only', async () => {
      const other = `${key}:other`;
      await harness.store.increment(key, WINDOW);
      await harness.store.increment(other, WINDOW);
      await harness.store.reset(key);
      expect((await harness.store.peek(key)).count).toBe(0);
      expect((await harness.store.peek(other)).count).toBe(1);
      expect((await harness.store.increment(key, WINDOW)).count).toBe(1);
    });
  });
}
