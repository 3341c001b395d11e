import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedInHandlers } from '@/test/auth';
import {
  CHAT_TEST_TIMEOUT,
  FakeChatApi,
  makeReply,
  makeStreamingReply,
  makeUserMessage,
  openChat,
  SseBody,
  shows,
  prepareConversationTests,
  type SentMessage,
} from '@/test/chat';
import { FakeEventFeed } from '@/test/live';
import { renderApp } from '@/test/render-app';
import { server } from '@/test/server';

const STREAM = '/api/v1/chat/sessions/:id/messages/:messageId/stream';

/** GET .../stream answered by the next body in `bodies`; records each request's Last-Event-ID. */
function replyStreams(bodies: SseBody[]) {
  const asked: { messageId: string; lastEventId: string | null }[] = [];
  const signals: AbortSignal[] = [];
  const handler = http.get(STREAM, ({ request, params }) => {
    asked.push({ messageId: String(params.messageId), lastEventId: request.headers.get('last-event-id') });
    signals.push(request.signal);
    const body = bodies[asked.length - 1];
    if (!body) throw new Error(`No stream prepared for request ${asked.length}`);
    return body.response();
  });
  return { asked, signals, handler };
}

async function send(text: string, sent: SentMessage[]) {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), `${text}{Enter}`);
  await waitFor(() => expect(sent).toHaveLength(1));
}

/** The text of the one assistant reply on screen (exactly one: nothing repeated). */
const replyText = () => {
  const replies = screen.getAllByRole('article', { name: 'Assistant' });
  expect(replies).toHaveLength(1);
  return replies[0]!.querySelector('[aria-live]')?.textContent ?? '';
};

prepareConversationTests();

afterEach(() => {
  document.title = '';
});

describe(
  'a reply that outlives its connection',
  () => {
    it('attaches to a reply still being written when the chat opens, and continues after its saved text', async () => {
      // Saved so far: the text up to delta 2.
      const api = new FakeChatApi({
        messages: { s1: [makeUserMessage('Plan my trip'), makeStreamingReply('Day one: Alfama.', 2)] },
      });
      const stream = new SseBody({ after: 2 });
      const { asked, handler } = replyStreams([stream]);
      server.use(...signedInHandlers(), ...api.handlers(), handler);
      renderApp('/c/s1');

      await shows('Day one: Alfama.');
      await waitFor(() => expect(asked).toEqual([{ messageId: 'a1', lastEventId: '2' }]));
      expect(screen.getByRole('button', { name: 'Stop generating' })).toBeInTheDocument();

      stream.send('message.delta', { messageId: 'a1', content: ' Day two: Belém.' });
      await waitFor(() => expect(replyText()).toBe('Day one: Alfama. Day two: Belém.'));

      const final = makeReply('Day one: Alfama. Day two: Belém. Day three: Sintra.');
      api.messages.set('s1', [makeUserMessage('Plan my trip'), final]);
      stream.send('message.completed', { ...final, usage: null });
      stream.close();

      // The final message replaces the text (never appended to it).
      await waitFor(() => expect(replyText()).toBe('Day one: Alfama. Day two: Belém. Day three: Sintra.'));
      expect(await screen.findByRole('button', { name: 'Send message' })).toBeInTheDocument();
      expect(asked).toHaveLength(1);
    });

    it('reconnects with the last event id after the stream drops mid-reply, without repeating or losing text', async () => {
      const first = new SseBody();
      // The server repeats event 2 after the reconnect: the page must not show it twice.
      const resumed = new SseBody({ after: 1 });
      const streams = replyStreams([resumed]);
      const { asked } = streams;
      const api = new FakeChatApi();
      const { sent } = openChat(() => first.response(), { api, handlers: [streams.handler] });

      await send('Plan my trip', sent);
      first.send('message.created', makeUserMessage('Plan my trip'));
      first.send('reply.started', makeReply('', { status: 'streaming' }));
      first.send('message.delta', { messageId: 'a1', content: 'Day one: ' });
      first.send('message.delta', { messageId: 'a1', content: 'Alfama.' });
      await waitFor(() => expect(replyText()).toBe('Day one: Alfama.'));

      first.drop();

      await shows('Reconnecting…');
      await waitFor(() => expect(asked).toEqual([{ messageId: 'a1', lastEventId: '2' }]));
      resumed.send('message.delta', { messageId: 'a1', content: 'Alfama.' });
      resumed.send('message.delta', { messageId: 'a1', content: ' Day two: Belém.' });
      await waitFor(() => expect(replyText()).toBe('Day one: Alfama. Day two: Belém.'));
      expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument();

      const final = makeReply('Day one: Alfama. Day two: Belém.');
      api.messages.set('s1', [makeUserMessage('Plan my trip'), final]);
      resumed.send('message.completed', { ...final, usage: null });
      resumed.close();
      expect(await screen.findByRole('button', { name: 'Send message' })).toBeInTheDocument();
      expect(replyText()).toBe('Day one: Alfama. Day two: Belém.');
      // The send itself went once.
      expect(sent).toHaveLength(1);
    });

    it('finds the reply in the stored chat when the stream drops before naming it, and attaches', async () => {
      const first = new SseBody();
      const streams = replyStreams([new SseBody({ after: 1 })]);
      const api = new FakeChatApi();
      const { sent } = openChat(() => first.response(), { api, handlers: [streams.handler] });
      await send('Plan my trip', sent);
      first.send('message.created', makeUserMessage('Plan my trip'));
      await shows('Plan my trip');

      api.messages.set('s1', [makeUserMessage('Plan my trip'), makeStreamingReply('Day one', 1)]);
      first.drop();

      await waitFor(() => expect(streams.asked).toEqual([{ messageId: 'a1', lastEventId: '1' }]));
      await waitFor(() => expect(replyText()).toBe('Day one'));
      expect(screen.getAllByText('Plan my trip')).toHaveLength(1);
      expect(sent).toHaveLength(1);
    });

    it('stops listening when the chat page goes away, and leaves the reply running', async () => {
      const api = new FakeChatApi({
        messages: { s1: [makeUserMessage('Long task'), makeStreamingReply('Working', 1)] },
      });
      const streams = replyStreams([new SseBody({ after: 1 })]);
      server.use(...signedInHandlers(), ...api.handlers(), streams.handler);
      const { unmount } = renderApp('/c/s1');
      await waitFor(() => expect(streams.signals).toHaveLength(1));

      unmount();

      expect(streams.signals[0]!.aborted).toBe(true);
      expect(api.calls.filter((call) => call.path.endsWith('/stop'))).toEqual([]);
    });

    it('attaches when another tab starts a reply in the open chat', async () => {
      const api = new FakeChatApi({ messages: { s1: [makeUserMessage('Hello'), makeReply('Hi!')] } });
      const feed = new FakeEventFeed();
      const stream = new SseBody({ after: 0 });
      const { asked, handler } = replyStreams([stream]);
      server.use(...signedInHandlers({ events: feed.handler() }), ...api.handlers(), handler);
      renderApp('/c/s1');
      await shows('Hi!');
      await waitFor(() => expect(feed.listeners).toBe(1));

      // Another tab sends; the server has stored the message and started the reply.
      const elsewhere = makeUserMessage('And in French?', 'u2');
      api.messages.set('s1', [
        makeUserMessage('Hello'),
        makeReply('Hi!'),
        elsewhere,
        makeStreamingReply('', 0, { id: 'a2' }),
      ]);
      feed.send('session.message_added', { sessionId: 's1', message: elsewhere, replyId: 'a2' });

      await shows('And in French?');
      await waitFor(() => expect(asked).toEqual([{ messageId: 'a2', lastEventId: '0' }]));
      stream.send('message.delta', { messageId: 'a2', content: 'Bonjour !' });
      await shows('Bonjour !');
      const log = screen.getByRole('region', { name: 'Messages' });
      expect(within(log).getAllByRole('article', { name: 'Assistant' })).toHaveLength(2);
    });

    it('says in the tab title when a reply finishes while the tab is hidden, until it is seen', async () => {
      document.title = 'Parley';
      const api = new FakeChatApi({
        messages: { s1: [makeUserMessage('Long task'), makeStreamingReply('Working', 1)] },
      });
      const stream = new SseBody({ after: 1 });
      const { handler } = replyStreams([stream]);
      server.use(...signedInHandlers(), ...api.handlers(), handler);
      renderApp('/c/s1');
      await shows('Working');
      await waitFor(() =>
        expect(screen.getByRole('button', { name: 'Stop generating' })).toBeInTheDocument(),
      );

      const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
      api.messages.set('s1', [makeUserMessage('Long task'), makeReply('Working: done.')]);
      stream.send('message.completed', { ...makeReply('Working: done.'), usage: null });
      stream.close();

      await waitFor(() => expect(document.title).toBe('(1) Reply ready · Parley'));
      visibility.mockReturnValue('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      expect(document.title).toBe('Parley');
    });
  },
  CHAT_TEST_TIMEOUT,
);
