import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubNotifications } from '@/test/notifications';
import { notificationSetting, switchNotifications } from './notifications';
import { announceReplyReady } from './reply-ready';

const hide = (hidden: boolean) =>
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(hidden ? 'hidden' : 'visible');

beforeEach(() => {
  localStorage.clear();
  document.title = 'Parley';
});

afterEach(() => {
  vi.unstubAllGlobals();
  // Seen again: the title's count starts over for the next test.
  hide(false);
  document.dispatchEvent(new Event('visibilitychange'));
});

describe('the notice of a reply that finished in a hidden tab', () => {
  it('counts replies in the title until the tab is seen again', () => {
    const visibility = hide(true);

    announceReplyReady({ messageId: 'a1', preview: 'Done.' });
    expect(document.title).toBe('(1) Reply ready · Parley');
    announceReplyReady({ messageId: 'a2', preview: 'Also done.' });
    expect(document.title).toBe('(2) Reply ready · Parley');

    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(document.title).toBe('Parley');
  });

  it('says nothing when the tab is visible', () => {
    hide(false);
    announceReplyReady({ messageId: 'a1', preview: 'Done.' });
    expect(document.title).toBe('Parley');
  });

  it('shows a browser notification, one per reply, only once the user switched them on', async () => {
    const { shown, requestPermission } = stubNotifications('default', 'granted');
    hide(true);
    announceReplyReady({ messageId: 'a1', preview: 'Not switched on yet.' });
    expect(shown).toHaveLength(0);
    expect(requestPermission).not.toHaveBeenCalled();

    await expect(switchNotifications(true)).resolves.toBe('on');
    expect(requestPermission).toHaveBeenCalledTimes(1);
    announceReplyReady({ messageId: 'a2', preview: 'Your itinerary is ready.' });

    expect(shown).toMatchObject([
      { title: 'Reply ready', options: { body: 'Your itinerary is ready.', tag: 'a2' } },
    ]);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => {});
    const { notification } = shown[0]!;
    notification.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(notification.close).toHaveBeenCalled();
  });
});

describe('the notification setting', () => {
  it('is unsupported without the Notification API', () => {
    expect(notificationSetting()).toBe('unsupported');
  });

  it('stays off when the browser refuses, and is blocked once denied', async () => {
    const { requestPermission } = stubNotifications('default', 'denied');
    await expect(switchNotifications(true)).resolves.toBe('blocked');
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it('turns off again without asking', async () => {
    const { requestPermission } = stubNotifications('granted');
    await expect(switchNotifications(true)).resolves.toBe('on');
    await expect(switchNotifications(false)).resolves.toBe('off');
    expect(requestPermission).not.toHaveBeenCalled();
  });
});
