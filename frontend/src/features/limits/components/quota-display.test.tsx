import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '@/lib/api/types';
import { makeQuota, UNLIMITED } from '@/test/chat';
import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';
import { QuotaDisplay } from './quota-display';
import { QuotaNotice } from './quota-notice';

type Quota = Schemas['QuotaDto'];

function serveQuota(initial: Quota) {
  const state = { quota: initial, reads: 0 };
  server.use(
    http.get('/api/v1/chat/quota', () => {
      state.reads += 1;
      return HttpResponse.json(state.quota);
    }),
  );
  return state;
}

const meter = (name: string) => screen.getByRole('meter', { name }).closest('[data-level]');

afterEach(() => {
  vi.useRealTimers();
});

describe('the quota display', () => {
  it('shows used and allowed for today and this minute, amber from 80% used', async () => {
    serveQuota(makeQuota({ dayUsed: 80, dayLimit: 100, minuteUsed: 7, minuteLimit: 10 }));
    renderWithProviders(<QuotaDisplay />);

    expect(await screen.findByText('80/100')).toBeInTheDocument();
    expect(screen.getByText('7/10')).toBeInTheDocument();
    expect(meter('Messages used today')).toHaveAttribute('data-level', 'warning');
    expect(meter('Messages used this minute')).toHaveAttribute('data-level', 'ok');
    expect(screen.getByRole('meter', { name: 'Messages used today' })).toHaveAttribute(
      'aria-valuetext',
      '80 of 100 used, running low',
    );
  });

  it('is not amber below 80%', async () => {
    serveQuota(makeQuota({ dayUsed: 79, dayLimit: 100, minuteUsed: 8, minuteLimit: 10 }));
    renderWithProviders(<QuotaDisplay />);

    expect(await screen.findByText('79/100')).toBeInTheDocument();
    expect(meter('Messages used today')).toHaveAttribute('data-level', 'ok');
    expect(meter('Messages used this minute')).toHaveAttribute('data-level', 'warning');
  });

  it('turns red when used up, counts down to the reset every second, then reads the quota again', async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'Date'],
      now: new Date('2026-03-01T23:58:55.000Z'),
    });
    const served = serveQuota(
      makeQuota({
        dayUsed: 100,
        dayLimit: 100,
        minuteUsed: 0,
        dayResetAt: '2026-03-02T00:00:00.000Z',
      }),
    );
    renderWithProviders(<QuotaDisplay />);

    const countdown = await screen.findByTestId('countdown-day');
    expect(countdown).toHaveTextContent('1:05');
    expect(meter('Messages used today')).toHaveAttribute('data-level', 'exhausted');
    expect(screen.getByText('100/100')).toBeInTheDocument();

    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(countdown).toHaveTextContent('1:04');
    act(() => {
      vi.advanceTimersByTime(4000);
    });
    expect(countdown).toHaveTextContent('1:00');
    expect(served.reads).toBe(1);

    // Midnight: a new day, and the display asks for the new numbers.
    served.quota = makeQuota({
      dayUsed: 0,
      minuteUsed: 0,
      dayResetAt: '2026-03-03T00:00:00.000Z',
    });
    act(() => {
      vi.advanceTimersByTime(60_000);
    });

    await waitFor(() => expect(served.reads).toBe(2));
    expect(await screen.findByText('0/100')).toBeInTheDocument();
    expect(screen.queryByTestId('countdown-day')).not.toBeInTheDocument();
    expect(meter('Messages used today')).toHaveAttribute('data-level', 'ok');
  });

  it('says Unlimited for admins', async () => {
    serveQuota(UNLIMITED);
    renderWithProviders(<QuotaDisplay />);

    expect(await screen.findByText('Unlimited')).toBeInTheDocument();
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
  });
});

describe('the quota notice', () => {
  it('says which limit stops sending and counts down to when it lifts', async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'Date'],
      now: new Date('2026-03-01T10:00:25.000Z'),
    });
    serveQuota(makeQuota({ minuteUsed: 10, minuteLimit: 10, minuteResetAt: '2026-03-01T10:01:00.000Z' }));
    renderWithProviders(<QuotaNotice />);

    expect(
      await screen.findByText(/You have sent 10 messages this minute, the most allowed/),
    ).toHaveTextContent('You can send again in 0:35');
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByText(/You can send again in/)).toHaveTextContent('0:30');
  });

  it('says nothing while sending is allowed', async () => {
    serveQuota(makeQuota({ dayUsed: 99 }));
    renderWithProviders(
      <>
        <QuotaDisplay />
        <QuotaNotice />
      </>,
    );

    expect(await screen.findByText('99/100')).toBeInTheDocument();
    expect(screen.queryByText(/You can send again/)).not.toBeInTheDocument();
  });
});
