import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { toast } from 'sonner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeMe, signedInHandlers } from '@/test/auth';
import {
  CHAT_TEST_TIMEOUT,
  FakeChatApi,
  limitProblem,
  makeQuota,
  nextUtcMidnight,
  stubLayout,
  UNLIMITED,
} from '@/test/chat';
import { renderApp } from '@/test/render-app';
import { server } from '@/test/server';

const meter = (name: string) => screen.getByRole('meter', { name }).closest('[data-level]');

beforeEach(() => {
  localStorage.clear();
  stubLayout();
});

afterEach(() => {
  vi.useRealTimers();
});

// Chat and limits meet in the app layer: the quota under the input, sends paused by it.
describe(
  "the chat's limits",
  () => {
    it('handles a 429 quota_exceeded: the numbers from the problem, the input disabled, a countdown', async () => {
      const toastError = vi.spyOn(toast, 'error');
      const resetAt = nextUtcMidnight();
      const api = new FakeChatApi({ quota: makeQuota({ dayUsed: 99, dayLimit: 100 }) });
      server.use(
        ...signedInHandlers(),
        ...api.handlers(),
        http.post('/api/v1/chat/sessions/:id/messages', () => {
          // What the server now says too.
          api.quota = makeQuota({ dayUsed: 100, dayLimit: 100, dayResetAt: resetAt });
          return limitProblem('quota_exceeded', { limit: 100, resetAt, retryAfter: 3600 });
        }),
      );
      renderApp('/c/s1');
      expect(await screen.findByText('99/100')).toBeInTheDocument();
      expect(meter('Messages used today')).toHaveAttribute('data-level', 'warning');

      const input = await screen.findByRole('textbox', { name: 'Message' });
      await userEvent.type(input, 'One more{Enter}');

      await waitFor(() => expect(input).toBeDisabled());
      expect(screen.getByText(/You have used all 100 messages for today/)).toHaveTextContent(
        /You can send again in \d+:\d{2}(:\d{2})?/,
      );
      expect(screen.getByTestId('countdown-day')).toHaveTextContent(/^\d+:\d{2}(:\d{2})?$/);
      expect(meter('Messages used today')).toHaveAttribute('data-level', 'exhausted');
      expect(screen.getByText('100/100')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Send message' })).toBeDisabled();
      // Not sent, so the text is back (waiting for the reset), and no toast on top.
      expect(input).toHaveValue('One more');
      expect(toastError).not.toHaveBeenCalled();
    });

    it("opens with the input disabled while the minute's limit is used up, and lifts it at the reset", async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      const soon = new Date(Date.now() + 3_000).toISOString();
      const api = new FakeChatApi({
        quota: makeQuota({ minuteUsed: 10, minuteLimit: 10, minuteResetAt: soon }),
      });
      server.use(...signedInHandlers(), ...api.handlers());
      renderApp('/c/s1');

      const input = await screen.findByRole('textbox', { name: 'Message' });
      await waitFor(() => expect(input).toBeDisabled());
      expect(screen.getByText(/You have sent 10 messages this minute/)).toHaveTextContent('0:03');

      api.quota = makeQuota({ minuteUsed: 0, minuteLimit: 10 });
      act(() => {
        vi.advanceTimersByTime(4_000);
      });

      await waitFor(() => expect(input).toBeEnabled());
      expect(api.quotaReads).toBe(2);
      expect(screen.queryByText(/You have sent 10 messages/)).not.toBeInTheDocument();
    });

    it('shows Unlimited to admins', async () => {
      server.use(
        ...signedInHandlers({ me: makeMe({ role: 'admin' }) }),
        ...new FakeChatApi({ quota: UNLIMITED }).handlers(),
      );
      renderApp('/');

      expect(await screen.findByText('Unlimited')).toBeInTheDocument();
      expect(screen.getByRole('textbox', { name: 'Message' })).toBeEnabled();
    });
  },
  CHAT_TEST_TIMEOUT,
);
