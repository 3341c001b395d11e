import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';
import { HealthCard } from './health-card';

function checkRow(label: string) {
  const row = within(screen.getByRole('list', { name: 'Checks' }))
    .getByText(label)
    .closest('li');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

const overall = () => screen.getByText(/^Overall/);

describe('HealthCard', () => {
  it('shows every check as OK when the server is ready', async () => {
    server.use(
      http.get('/readyz', () =>
        HttpResponse.json({
          status: 'ok',
          checks: {
            database: { status: 'up' },
            redis: { status: 'up' },
            llm: { circuit: 'closed' },
          },
        }),
      ),
    );
    renderWithProviders(<HealthCard />);

    expect(await screen.findByRole('list', { name: 'Checks' })).toBeInTheDocument();
    expect(overall()).toHaveTextContent('Overall OK');
    for (const label of ['Database', 'Redis', 'Language model']) {
      expect(checkRow(label)).toHaveTextContent('OK');
    }
    expect(within(overall()).getByText('OK')).toHaveAttribute('data-variant', 'success');
  });

  it('shows a degraded server and which check degrades it', async () => {
    server.use(
      http.get('/readyz', () =>
        HttpResponse.json({
          status: 'degraded',
          checks: { database: { status: 'up' }, redis: { status: 'up' }, llm: { circuit: 'open' } },
        }),
      ),
    );
    renderWithProviders(<HealthCard />);

    expect(await screen.findByText(/^Overall/)).toHaveTextContent('Overall Degraded');
    expect(within(overall()).getByText('Degraded')).toHaveAttribute('data-variant', 'warning');
    expect(checkRow('Language model')).toHaveTextContent('Degraded');
    expect(checkRow('Language model')).toHaveTextContent('circuit open');
    expect(checkRow('Database')).toHaveTextContent('OK');
  });

  it('renders the 503 report of a down database as data, not as an error', async () => {
    server.use(
      http.get('/readyz', () =>
        HttpResponse.json(
          {
            status: 'down',
            checks: {
              database: { status: 'down', error: 'connection refused' },
              redis: { status: 'up' },
              llm: { circuit: 'closed' },
            },
          },
          { status: 503 },
        ),
      ),
    );
    renderWithProviders(<HealthCard />);

    expect(await screen.findByText(/^Overall/)).toHaveTextContent('Overall Down');
    expect(within(overall()).getByText('Down')).toHaveAttribute('data-variant', 'destructive');
    expect(checkRow('Database')).toHaveTextContent('Down');
    expect(checkRow('Database')).toHaveTextContent('connection refused');
    expect(screen.queryByText('Status unavailable.')).not.toBeInTheDocument();
  });

  it('shows a dependency this instance does not use as not used, with the reason', async () => {
    server.use(
      http.get('/readyz', () =>
        HttpResponse.json({
          status: 'ok',
          checks: {
            database: { status: 'up', kind: 'pglite' },
            redis: { status: 'disabled', mode: 'in-process (single instance)' },
          },
        }),
      ),
    );
    renderWithProviders(<HealthCard />);

    expect(await screen.findByText(/^Overall/)).toHaveTextContent('Overall OK');
    expect(checkRow('Redis')).toHaveTextContent('Not used');
    expect(checkRow('Redis')).toHaveTextContent('in-process (single instance)');
    expect(checkRow('Database')).toHaveTextContent('OK');
  });

  it('shows an unrecognised status as unknown instead of failing', async () => {
    server.use(
      http.get('/readyz', () =>
        HttpResponse.json({ status: 'ok', checks: { redis: { status: 'sleepy' }, disk: 'full' } }),
      ),
    );
    renderWithProviders(<HealthCard />);

    expect(await screen.findByText(/^Overall/)).toHaveTextContent('Overall OK');
    expect(checkRow('Redis')).toHaveTextContent('Unknown');
    expect(checkRow('disk')).toHaveTextContent('Unknown');
  });

  it('offers a retry when the server cannot answer, and recovers', async () => {
    server.use(
      http.get('/readyz', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'internal' },
          { status: 500, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    renderWithProviders(<HealthCard />);

    expect(await screen.findByText('Status unavailable.')).toBeInTheDocument();
    // The query cache toasts the problem title; the card itself does not repeat it.
    expect(await screen.findByText('Internal Server Error')).toBeInTheDocument();

    server.use(
      http.get('/readyz', () => HttpResponse.json({ status: 'ok', checks: { database: { status: 'up' } } })),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText(/^Overall/)).toHaveTextContent('Overall OK');
    expect(screen.queryByText('Status unavailable.')).not.toBeInTheDocument();
  });
});
