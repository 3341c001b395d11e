import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '@/lib/api/types';
import { bearer, makeMe, problem, signedInHandlers } from '@/test/auth';
import { CHAT_TEST_TIMEOUT, FakeChatApi, makeMessage, makeSession, shows, stubLayout } from '@/test/chat';
import { FakeEventFeed } from '@/test/live';
import { renderApp } from '@/test/render-app';
import { server } from '@/test/server';

beforeEach(() => {
  localStorage.clear();
  stubLayout();
});

/** Signed in as `me` (changeable as the test goes), with a feed the test speaks on. */
function signedIn(me: Me, api = new FakeChatApi()) {
  const feed = new FakeEventFeed();
  const account = { me };
  server.use(
    // Before the defaults, so it wins: GET /me answers whatever the account says now.
    http.get('/api/v1/me', ({ request }) =>
      bearer(request) ? HttpResponse.json(account.me) : problem(401, 'unauthenticated'),
    ),
    ...signedInHandlers({ me, events: feed.handler() }),
    ...api.handlers(),
  );
  return { feed, account, api };
}

describe(
  'live updates (GET /events)',
  () => {
    it("shows a chat another tab created in this tab's list, without a reload", async () => {
      const { feed, api } = signedIn(makeMe());
      renderApp('/');
      const chats = await screen.findByRole('navigation', { name: 'Chats' });
      await within(chats).findByText('Trip to Lisbon');
      await waitFor(() => expect(feed.listeners).toBe(1));

      const created = makeSession({ id: 's2', title: 'Recipes for Sunday' });
      api.sessions = [created, ...api.sessions];
      feed.send('session.created', { session: created });

      expect(await within(chats).findByText('Recipes for Sunday')).toBeInTheDocument();
    });

    it('shows a title changed elsewhere in the open chat at once', async () => {
      const { feed } = signedIn(makeMe());
      renderApp('/c/s1');
      expect(await screen.findByRole('heading', { level: 1, name: 'Trip to Lisbon' })).toBeInTheDocument();
      await waitFor(() => expect(feed.listeners).toBe(1));

      feed.send('session.updated', { session: makeSession({ title: 'Lisbon in March' }) });

      expect(await screen.findByRole('heading', { level: 1, name: 'Lisbon in March' })).toBeInTheDocument();
    });

    it('refetches the list and the open chat after the feed reconnects (it has no replay)', async () => {
      const { feed, api } = signedIn(makeMe());
      renderApp('/c/s1');
      await screen.findByRole('heading', { level: 1, name: 'Trip to Lisbon' });
      await waitFor(() => expect(feed.listeners).toBe(1));
      const lists = api.callsTo('GET', '/api/v1/chat/sessions').length;
      const opened = api.callsTo('GET', '/api/v1/chat/sessions/s1').length;

      // Missed while disconnected: a message from another device.
      api.messages.set('s1', [makeMessage({ content: 'Sent from my phone' })]);
      feed.close();

      await waitFor(() => expect(feed.connections).toHaveLength(2));
      await shows('Sent from my phone');
      expect(api.callsTo('GET', '/api/v1/chat/sessions').length).toBeGreaterThan(lists);
      expect(api.callsTo('GET', '/api/v1/chat/sessions/s1').length).toBeGreaterThan(opened);
    });

    it('opens the chat on the waiting page by itself when an admin switches it on', async () => {
      const { feed, account } = signedIn(makeMe({ chat: false, featureReason: 'not_yet' }));
      renderApp('/');
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Chat is not available for you yet' }),
      ).toBeInTheDocument();
      await waitFor(() => expect(feed.listeners).toBe(1));

      account.me = makeMe({ chat: true });
      feed.send('features.changed', { chat: true, featureReason: null });

      expect(await screen.findByRole('heading', { level: 1, name: 'Start a chat' })).toBeInTheDocument();
    });

    it('keeps the history readable with a paused composer when chat is paused', async () => {
      const api = new FakeChatApi({
        messages: {
          s1: [
            makeMessage({ id: 'u1', content: 'What is keyset pagination?' }),
            makeMessage({ id: 'a1', role: 'assistant', content: 'Paging by the last key seen.' }),
          ],
        },
      });
      signedIn(makeMe({ chat: false, featureReason: 'paused' }), api);
      renderApp('/c/s1');

      await shows('Paging by the last key seen.');
      expect(screen.getByText('Chat is paused by your administrator.')).toBeInTheDocument();
      const input = screen.getByRole('textbox', { name: 'Message' });
      expect(input).toBeDisabled();
      expect(input).toHaveAttribute('placeholder', 'Chat is paused by your administrator');
      expect(screen.getByRole('button', { name: 'Send message' })).toBeDisabled();
      expect(screen.getByRole('button', { name: 'New chat' })).toBeDisabled();
      // The list and search stay; the waiting page's wording does not appear.
      const chats = screen.getByRole('navigation', { name: 'Chats' });
      expect(within(chats).getByText('Trip to Lisbon')).toBeInTheDocument();
      expect(screen.getByRole('searchbox', { name: 'Search chats' })).toBeEnabled();
      expect(screen.queryByText(/not available for you yet/)).not.toBeInTheDocument();
      expect(screen.queryByText(/yet/)).not.toBeInTheDocument();
      // Nothing asks for the quota of a chat that cannot send.
      expect(api.quotaReads).toBe(0);
    });

    it('pauses the open chat when an admin switches chat off, and opens it again', async () => {
      const { feed, account } = signedIn(makeMe());
      renderApp('/c/s1');
      const input = await screen.findByRole('textbox', { name: 'Message' });
      await waitFor(() => expect(input).toBeEnabled());
      await waitFor(() => expect(feed.listeners).toBe(1));

      account.me = makeMe({ chat: false, featureReason: 'paused' });
      feed.send('features.changed', { chat: false, featureReason: 'paused' });
      await shows('Chat is paused by your administrator.');
      expect(screen.getByRole('textbox', { name: 'Message' })).toBeDisabled();

      account.me = makeMe({ chat: true });
      feed.send('features.changed', { chat: true, featureReason: null });
      await waitFor(() => expect(screen.getByRole('textbox', { name: 'Message' })).toBeEnabled());
      expect(screen.queryByText('Chat is paused by your administrator.')).not.toBeInTheDocument();
    });
  },
  CHAT_TEST_TIMEOUT,
);
