import { vi } from 'vitest';

interface Shown {
  title: string;
  options: NotificationOptions | undefined;
  notification: { onclick: (() => void) | null; close(): void };
}

/**
 * The browser's Notification API, as a test sets it: the permission it has now, the answer to
 * `requestPermission()`, and the notifications shown. Undo with vi.unstubAllGlobals().
 */
export function stubNotifications(
  permission: NotificationPermission,
  answer: NotificationPermission = permission,
) {
  const state = { permission };
  const shown: Shown[] = [];
  const requestPermission = vi.fn(() => {
    state.permission = answer;
    return Promise.resolve(answer);
  });
  class FakeNotification {
    static get permission() {
      return state.permission;
    }
    static requestPermission = requestPermission;
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, notification: this });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requestPermission };
}
