/*
 * Browser notifications for replies that finish while their tab is hidden: only when the user
 * switched them on (a button, so the permission prompt comes from a user gesture, never on
 * load) and the browser allows them. The choice is kept per browser.
 */
const KEY = 'parley.chat.notify';

export const notificationsSupported = (): boolean => typeof Notification !== 'undefined';

export type NotificationSetting = 'on' | 'off' | 'blocked' | 'unsupported';

export function notificationSetting(): NotificationSetting {
  if (!notificationsSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  let wanted = false;
  try {
    wanted = localStorage.getItem(KEY) === 'on';
  } catch {
    // Storage off: notifications stay off.
  }
  return wanted && Notification.permission === 'granted' ? 'on' : 'off';
}

/** From a click: asks the browser when it has not been asked yet. */
export async function switchNotifications(on: boolean): Promise<NotificationSetting> {
  if (!notificationsSupported()) return 'unsupported';
  if (on && Notification.permission === 'default') await Notification.requestPermission();
  try {
    if (on && Notification.permission === 'granted') localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // Not kept past this page.
  }
  return notificationSetting();
}
