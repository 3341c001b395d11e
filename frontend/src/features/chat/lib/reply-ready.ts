/*
 * A reply that finishes while its tab is hidden: the tab's title counts it ("(1) Reply ready ·
 * Parley") until the tab is looked at again, and a browser notification says so when the user
 * switched them on (notifications.ts).
 */
import { notificationSetting } from './notifications';

let unseen = 0;
let title = '';

function onVisible() {
  if (document.visibilityState !== 'visible') return;
  document.removeEventListener('visibilitychange', onVisible);
  document.title = title;
  unseen = 0;
}

export function announceReplyReady({ messageId, preview }: { messageId: string; preview: string }): void {
  if (document.visibilityState !== 'hidden') return;
  if (unseen === 0) {
    title = document.title;
    document.addEventListener('visibilitychange', onVisible);
  }
  unseen += 1;
  document.title = `(${unseen}) Reply ready · ${title}`;
  if (notificationSetting() !== 'on') return;
  // One per reply, however many tabs followed it.
  const notification = new Notification('Reply ready', { body: preview.slice(0, 140), tag: messageId });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
