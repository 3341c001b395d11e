import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubNotifications } from '@/test/notifications';
import { ReplyNotificationsToggle } from './reply-notifications-toggle';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('the "reply ready" notifications switch', () => {
  it('asks for permission only when clicked, and shows whether it is on', async () => {
    const { requestPermission } = stubNotifications('default', 'granted');
    render(<ReplyNotificationsToggle />);
    const toggle = screen.getByRole('button', { name: 'Notify me when a reply is ready' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(requestPermission).not.toHaveBeenCalled();

    await userEvent.click(toggle);

    await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'false'));
  });

  it('is disabled, saying why, when the browser blocks notifications', () => {
    stubNotifications('denied');
    render(<ReplyNotificationsToggle />);
    const toggle = screen.getByRole('button', { name: 'Notify me when a reply is ready' });
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAttribute('title', "Notifications are blocked in this browser's site settings");
  });

  it('is not there in a browser without notifications', () => {
    render(<ReplyNotificationsToggle />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
