/*
 * Shared set-up for the admin page's component tests (call at the top of a test file).
 * They render the whole app, so they are slower than a unit test: under a loaded CI
 * machine a page render can take seconds. The bounds below are upper limits for waits, not
 * sleeps: a passing test takes as long as the page does.
 */
import { configure } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';

export function setUpAdminTests() {
  vi.setConfig({ testTimeout: 20_000 });
  beforeAll(async () => {
    configure({ asyncUtilTimeout: 5_000 });
    // The route loads the page lazily; loading it once up front keeps the first wait short.
    await import('../../admin-page');
  });
  afterEach(() => {
    // installFakeAdminApi stubs ResizeObserver for Radix's slider.
    vi.unstubAllGlobals();
  });
}
