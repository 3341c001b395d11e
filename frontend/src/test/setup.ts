import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { toast } from 'sonner';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { authSession } from '@/lib/auth/auth-session';
import { server } from './server';

// jsdom has no matchMedia; sonner's Toaster (theme "system") reads it on mount.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) satisfies MediaQueryList;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  // Sonner keeps toasts in a module-level store and replays active ones to the next
  // Toaster that mounts: without this, one test's toast shows up in the next.
  toast.dismiss();
  server.resetHandlers();
  // The session is a module-level singleton, as it is one per tab: start each test as a
  // fresh page load.
  authSession.reset();
  vi.restoreAllMocks();
});
afterAll(() => server.close());
