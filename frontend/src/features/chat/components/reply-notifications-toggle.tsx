import { Bell, BellOff } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { notificationSetting, switchNotifications } from '../lib/notifications';

const HINTS = {
  on: 'You get a notification when a reply finishes while Parley is in the background',
  off: 'Get a notification when a reply finishes while Parley is in the background',
  blocked: "Notifications are blocked in this browser's site settings",
} as const;

/**
 * Browser notifications for replies that finish in a hidden tab, switched on here: the
 * permission prompt comes from this click, never on load. (The tab title says it regardless.)
 */
export function ReplyNotificationsToggle() {
  const [setting, setSetting] = useState(notificationSetting);
  if (setting === 'unsupported') return null;
  const on = setting === 'on';
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      aria-label="Notify me when a reply is ready"
      aria-pressed={on}
      title={HINTS[setting]}
      disabled={setting === 'blocked'}
      onClick={() => void switchNotifications(!on).then(setSetting)}
      className="size-8 text-muted-foreground hover:text-foreground"
    >
      {on ? <Bell aria-hidden="true" /> : <BellOff aria-hidden="true" />}
    </Button>
  );
}
