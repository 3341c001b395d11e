import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInHandlers } from '@/test/auth';
import { CHAT_TEST_TIMEOUT, FakeChatApi, makeSession, stubLayout } from '@/test/chat';
import { currentPath, renderApp } from '@/test/render-app';
import { server } from '@/test/server';

const lisbon = makeSession({ id: 's1', title: 'Trip to Lisbon', lastActivityAt: '2026-03-01T12:00:00.000Z' });
const pasta = makeSession({ id: 's2', title: 'Pasta recipes', lastActivityAt: '2026-03-01T11:00:00.000Z' });

function openChats(path = '/c/s1') {
  const api = new FakeChatApi({ sessions: [lisbon, pasta] });
  server.use(...signedInHandlers(), ...api.handlers());
  return { api, ...renderApp(path) };
}

const chatList = () => screen.findByRole('navigation', { name: 'Chats' });

async function openActions(title: string) {
  await userEvent.click(await screen.findByRole('button', { name: `Actions for ${title}` }));
  return screen.findByRole('menu');
}

beforeEach(() => {
  localStorage.clear();
  stubLayout();
});

describe(
  'the chat list',
  () => {
    it('lists the chats, most recent first, with the open one marked', async () => {
      openChats('/c/s2');

      const list = await chatList();
      const links = await within(list).findAllByRole('link');
      expect(links.map((link) => link.textContent)).toEqual(['Trip to Lisbon', 'Pasta recipes']);
      expect(within(list).getByRole('link', { name: 'Pasta recipes' })).toHaveAttribute(
        'aria-current',
        'page',
      );
      expect(within(list).getByRole('link', { name: 'Trip to Lisbon' })).not.toHaveAttribute('aria-current');
    });

    it('creates a new chat and opens it', async () => {
      const { api, router } = openChats('/');

      await userEvent.click(await screen.findByRole('button', { name: 'New chat' }));

      await waitFor(() => expect(currentPath(router)).toBe('/c/s3-new'));
      expect(api.callsTo('POST', '/api/v1/chat/sessions')).toEqual([expect.objectContaining({ body: {} })]);
      const list = await chatList();
      await waitFor(() =>
        expect(within(list).getByRole('link', { name: 'New chat' })).toHaveAttribute('aria-current', 'page'),
      );
    });

    it('renames inline: Enter saves, Escape cancels', async () => {
      const { api } = openChats();

      let menu = await openActions('Trip to Lisbon');
      await userEvent.click(within(menu).getByRole('menuitem', { name: 'Rename' }));
      let input = await screen.findByRole('textbox', { name: 'Chat title' });
      expect(input).toHaveFocus();
      await userEvent.clear(input);
      await userEvent.type(input, 'Lisbon itinerary{Enter}');

      const list = await chatList();
      expect(await within(list).findByRole('link', { name: 'Lisbon itinerary' })).toHaveFocus();
      expect(api.callsTo('PATCH', '/api/v1/chat/sessions/s1')).toEqual([
        expect.objectContaining({ body: { title: 'Lisbon itinerary' } }),
      ]);
      // The open chat's title follows.
      expect(screen.getByRole('heading', { level: 1, name: 'Lisbon itinerary' })).toBeInTheDocument();

      menu = await openActions('Pasta recipes');
      await userEvent.click(within(menu).getByRole('menuitem', { name: 'Rename' }));
      input = await screen.findByRole('textbox', { name: 'Chat title' });
      await userEvent.type(input, 'Something else{Escape}');

      expect(await within(list).findByRole('link', { name: 'Pasta recipes' })).toBeInTheDocument();
      expect(screen.queryByRole('textbox', { name: 'Chat title' })).not.toBeInTheDocument();
      expect(api.callsTo('PATCH', '/api/v1/chat/sessions/s2')).toHaveLength(0);
    });

    it('deletes with an undo toast, and Undo restores the chat', async () => {
      const { api, router } = openChats();

      const menu = await openActions('Trip to Lisbon');
      await userEvent.click(within(menu).getByRole('menuitem', { name: 'Delete' }));

      // Gone at once; the open chat was the deleted one, so the page leaves it.
      const list = await chatList();
      await waitFor(() =>
        expect(within(list).queryByRole('link', { name: 'Trip to Lisbon' })).not.toBeInTheDocument(),
      );
      await waitFor(() => expect(currentPath(router)).toBe('/'));
      await waitFor(() => expect(api.callsTo('DELETE', '/api/v1/chat/sessions/s1')).toHaveLength(1));
      expect(await screen.findByText('Deleted “Trip to Lisbon”')).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: 'Undo' }));

      await waitFor(() => expect(api.callsTo('POST', '/api/v1/chat/sessions/s1/restore')).toHaveLength(1));
      expect(await within(list).findByRole('link', { name: 'Trip to Lisbon' })).toBeInTheDocument();
      await waitFor(() => expect(currentPath(router)).toBe('/c/s1'));
    });

    it('searches titles and messages as you type (debounced)', async () => {
      const { api } = openChats();
      const list = await chatList();
      await within(list).findByRole('link', { name: 'Pasta recipes' });

      await userEvent.type(screen.getByRole('searchbox', { name: 'Search chats' }), 'pasta');

      await waitFor(() =>
        expect(within(list).queryByRole('link', { name: 'Trip to Lisbon' })).not.toBeInTheDocument(),
      );
      expect(within(list).getByRole('link', { name: 'Pasta recipes' })).toBeInTheDocument();
      // One request for the finished word, not one per keystroke.
      const searches = api
        .callsTo('GET', '/api/v1/chat/sessions')
        .map((call) => new URLSearchParams(call.search).get('q'))
        .filter(Boolean);
      expect(searches).toEqual(['pasta']);

      await userEvent.type(screen.getByRole('searchbox', { name: 'Search chats' }), '{Escape}');
      expect(await within(list).findByRole('link', { name: 'Trip to Lisbon' })).toBeInTheDocument();
    });

    it('exports a chat as Markdown through an authenticated download', async () => {
      let authorization: string | null = null;
      const created = vi.fn((_blob: Blob) => 'blob:chat');
      vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
      openChats();
      server.use(
        http.get('/api/v1/chat/sessions/:id/export', ({ request }) => {
          authorization = request.headers.get('authorization');
          return new HttpResponse('# Trip to Lisbon\n', {
            headers: {
              'content-type': 'text/markdown; charset=utf-8',
              'content-disposition': 'attachment; filename="trip-to-lisbon.md"',
            },
          });
        }),
      );

      const menu = await openActions('Trip to Lisbon');
      await userEvent.click(within(menu).getByRole('menuitem', { name: 'Export as Markdown' }));

      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      expect(authorization).toBe('Bearer token-1');
      const link = click.mock.contexts[0] as HTMLAnchorElement;
      expect(link.download).toBe('trip-to-lisbon.md');
      expect(await created.mock.calls[0]![0].text()).toBe('# Trip to Lisbon\n');
      vi.unstubAllGlobals();
    });
  },
  CHAT_TEST_TIMEOUT,
);

describe(
  'on a narrow screen',
  () => {
    it('opens the chat list as a drawer that Escape closes', async () => {
      openChats();

      await userEvent.click(await screen.findByRole('button', { name: 'Open the chat list' }));
      const drawer = await screen.findByRole('dialog', { name: 'Chats' });
      expect(within(drawer).getByRole('button', { name: 'New chat' })).toBeInTheDocument();
      expect(await within(drawer).findByRole('link', { name: 'Pasta recipes' })).toBeInTheDocument();

      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.getByRole('button', { name: 'Open the chat list' })).toHaveFocus();
    });

    it('closes the drawer when a chat is opened from it', async () => {
      const { router } = openChats();

      await userEvent.click(await screen.findByRole('button', { name: 'Open the chat list' }));
      const drawer = await screen.findByRole('dialog', { name: 'Chats' });
      await userEvent.click(await within(drawer).findByRole('link', { name: 'Pasta recipes' }));

      await waitFor(() => expect(currentPath(router)).toBe('/c/s2'));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    });
  },
  CHAT_TEST_TIMEOUT,
);
