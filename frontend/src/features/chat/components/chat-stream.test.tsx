import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { toast } from 'sonner';
import { describe, expect, it, vi } from 'vitest';
import { problem, signedInHandlers } from '@/test/auth';
import {
  CHAT_TEST_TIMEOUT,
  FakeChatApi,
  makeMessage,
  makeReply,
  makeUserMessage,
  openChat,
  readSend,
  SseBody,
  shows,
  prepareConversationTests,
  type SentMessage,
} from '@/test/chat';
import { currentPath, renderApp } from '@/test/render-app';
import { server } from '@/test/server';

const SEND = '/api/v1/chat/sessions/:id/messages';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function typeAndSend(text: string) {
  const input = await screen.findByRole('textbox', { name: 'Message' });
  await userEvent.type(input, `${text}{Enter}`);
  return input;
}

prepareConversationTests();

describe(
  'sending a message',
  () => {
    it('streams the reply: the message at once, each delta as it arrives, then the stored reply', async () => {
      const sse = new SseBody();
      const { api, sent } = openChat(() => sse.response());

      const input = await typeAndSend('Plan my trip');

      // The message shows at once, the input empties, the reply is on its way.
      await shows('Plan my trip');
      expect(input).toHaveValue('');
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toMatchObject({ accept: 'text/event-stream', body: { content: 'Plan my trip' } });
      expect(sent[0]!.idempotencyKey).toMatch(UUID);
      expect(screen.getByTestId('typing-indicator')).toBeInTheDocument();

      sse.send('message.created', makeUserMessage('Plan my trip'));
      sse.send('message.delta', { messageId: 'a1', content: 'Day one: ' });
      await shows('Day one:');
      expect(screen.queryByTestId('typing-indicator')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Stop generating' })).toBeInTheDocument();

      sse.comment('keep-alive');
      sse.send('message.delta', { messageId: 'a1', content: 'Alfama.' });
      // The reply streams into a polite live region, busy until it is complete.
      const liveRegion = (text: string) => screen.getByText(text).closest('[aria-live]');
      await waitFor(() => expect(liveRegion('Day one: Alfama.')).toHaveAttribute('aria-busy', 'true'));
      expect(liveRegion('Day one: Alfama.')).toHaveAttribute('aria-live', 'polite');

      const final = makeReply('Day one: Alfama. Day two: Belém.');
      api.messages.set('s1', [makeUserMessage('Plan my trip'), final]);
      sse.send('message.completed', { ...final, usage: { promptTokens: 12, completionTokens: 9 } });
      sse.close();

      await waitFor(() =>
        expect(liveRegion('Day one: Alfama. Day two: Belém.')).toHaveAttribute('aria-busy', 'false'),
      );
      expect(screen.queryByText('Day one: Alfama.')).not.toBeInTheDocument();
      expect(await screen.findByRole('button', { name: 'Send message' })).toBeInTheDocument();
      // The session and the quota are read again after the send.
      await waitFor(() => expect(api.quotaReads).toBe(2));
      expect(api.callsTo('GET', '/api/v1/chat/sessions/s1').length).toBeGreaterThanOrEqual(2);
      // Shown once: the stored copy replaced the streamed one.
      expect(screen.getAllByText('Plan my trip')).toHaveLength(1);
    });

    it('stops through the stop route: the page keeps listening until the server ends the reply', async () => {
      const sse = new SseBody();
      const { api, sent } = openChat(() => sse.response());

      await typeAndSend('Tell me a long story');
      await waitFor(() => expect(sent).toHaveLength(1));
      sse.send('message.created', makeUserMessage('Tell me a long story'));
      sse.send('reply.started', makeReply('', { status: 'streaming' }));
      sse.send('message.delta', { messageId: 'a1', content: 'Once upon a time' });
      await shows('Once upon a time');
      api.messages.set('s1', [
        makeUserMessage('Tell me a long story'),
        makeReply('Once upon a time', { status: 'streaming' }),
      ]);

      await userEvent.click(screen.getByRole('button', { name: 'Stop generating' }));

      await waitFor(() =>
        expect(api.callsTo('POST', '/api/v1/chat/sessions/s1/messages/a1/stop')).toHaveLength(1),
      );
      // The reply belongs to the chat, not to this request: Stop asks the server, which ends it.
      expect(sent[0]!.signal.aborted).toBe(false);
      const stopped = makeReply('Once upon a time', { status: 'cancelled', errorCode: 'stopped' });
      api.messages.set('s1', [makeUserMessage('Tell me a long story'), stopped]);
      sse.send('message.completed', { ...stopped, usage: null });
      sse.close();

      const reason = await screen.findByText('You stopped this reply.');
      expect(reason.closest('[data-status]')).toHaveAttribute('data-status', 'cancelled');
      expect(screen.getByText('Once upon a time')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Send message' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();
    });

    it('refetches the chat when Stop comes after the reply ended (409 reply_not_running)', async () => {
      const sse = new SseBody();
      const { api, sent } = openChat(() => sse.response());
      await typeAndSend('Quick one');
      await waitFor(() => expect(sent).toHaveLength(1));
      sse.send('message.created', makeUserMessage('Quick one'));
      sse.send('message.delta', { messageId: 'a1', content: 'Done' });
      await shows('Done');
      // The server has ended it; its final event has not reached this page yet.
      api.messages.set('s1', [makeUserMessage('Quick one'), makeReply('Done.')]);
      const reads = api.callsTo('GET', '/api/v1/chat/sessions/s1').length;

      await userEvent.click(screen.getByRole('button', { name: 'Stop generating' }));

      await waitFor(() =>
        expect(api.callsTo('GET', '/api/v1/chat/sessions/s1').length).toBeGreaterThan(reads),
      );
      expect(api.callsTo('POST', '/api/v1/chat/sessions/s1/messages/a1/stop')).toHaveLength(1);
      sse.send('message.completed', { ...makeReply('Done.'), usage: null });
      sse.close();
      await shows('Done.');
      expect(screen.queryByText('You stopped this reply.')).not.toBeInTheDocument();
    });

    it('falls back to a JSON send with the same Idempotency-Key when the stream fails before it starts', async () => {
      let answer!: () => void;
      const held = new Promise<void>((resolve) => (answer = resolve));
      const { sent } = openChat(async (_request, message) => {
        if (message.accept === 'text/event-stream') return HttpResponse.error();
        await held;
        return HttpResponse.json({
          userMessage: makeUserMessage('Are you there?'),
          assistantMessage: makeReply('Yes, still here.'),
        });
      });

      await typeAndSend('Are you there?');

      // While the JSON send is under way, the page says it is reconnecting.
      await shows('Reconnecting…');
      answer();
      await shows('Yes, still here.');
      expect(sent.map((s) => s.accept)).toEqual(['text/event-stream', 'application/json']);
      expect(sent[0]!.idempotencyKey).toMatch(UUID);
      expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
      expect(sent[1]!.body).toEqual({ content: 'Are you there?' });
      await waitFor(() => expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument());
    });

    it('shows an error event on the reply, and Retry sends the same text with a new key', async () => {
      const streams = [new SseBody(), new SseBody()];
      const { sent } = openChat(() => streams[sent.length - 1]!.response());

      await typeAndSend('Summarise this');
      await waitFor(() => expect(sent).toHaveLength(1));
      const [first, second] = streams as [SseBody, SseBody];
      first.send('message.created', makeUserMessage('Summarise this'));
      first.send('message.delta', { messageId: 'a1', content: 'The text says' });
      first.send('error', {
        type: 'urn:parley:problem:llm_timeout',
        title: 'Model timeout',
        status: 504,
        code: 'llm_timeout',
        detail: 'The model stopped answering for 30000 ms.',
      });
      first.close();

      const reason = await screen.findByText('The model stopped answering for 30000 ms.');
      expect(reason.closest('[data-status]')).toHaveAttribute('data-status', 'interrupted');

      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
      await waitFor(() => expect(sent).toHaveLength(2));
      expect(sent[1]!.body).toEqual({ content: 'Summarise this' });
      expect(sent[1]!.idempotencyKey).toMatch(UUID);
      expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
      second.send('message.created', makeUserMessage('Summarise this', 'u2'));
      second.send('message.completed', { ...makeReply('It is short.', { id: 'a2' }), usage: null });
      second.close();
      await shows('It is short.');
    });

    it('shows a 422 next to the input, not as a toast, and gives the text back', async () => {
      const toastError = vi.spyOn(toast, 'error');
      openChat(() =>
        problem(422, 'validation_failed', {
          detail: 'Some fields are invalid.',
          errors: [{ path: 'content', message: 'must not contain NUL characters' }],
        }),
      );

      const input = await typeAndSend('Bad text');

      expect(await screen.findByRole('alert')).toHaveTextContent('Must not contain NUL characters');
      expect(input).toHaveValue('Bad text');
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(screen.queryByText('Bad text', { selector: 'article *' })).not.toBeInTheDocument();
      expect(toastError).not.toHaveBeenCalled();
    });

    it('toasts a refusal such as an open circuit (503), and gives the text back', async () => {
      openChat(() =>
        problem(503, 'llm_unavailable', {
          detail: 'The model is temporarily unavailable. Please try again shortly.',
          headers: { 'retry-after': '20' },
        }),
      );

      const input = await typeAndSend('Hello?');

      expect(
        await screen.findByText('The model is temporarily unavailable. Please try again shortly.'),
      ).toBeInTheDocument();
      expect(input).toHaveValue('Hello?');
    });
  },
  CHAT_TEST_TIMEOUT,
);

describe(
  'the input',
  () => {
    it("sends with Enter, starts a new line with Shift+Enter, and counts against the server's limit", async () => {
      const { sent } = openChat(() => new SseBody().response(), { maxMessageLength: 20 });
      const input = await screen.findByRole('textbox', { name: 'Message' });

      await userEvent.type(input, 'line one{Shift>}{Enter}{/Shift}line two');
      expect(input).toHaveValue('line one\nline two');
      expect(sent).toHaveLength(0);
      expect(screen.getByText('17 / 20')).toBeInTheDocument();

      await userEvent.type(input, ' and more');
      expect(screen.getByText('26 / 20')).toBeInTheDocument();
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByRole('button', { name: 'Send message' })).toBeDisabled();
      await userEvent.type(input, '{Enter}');
      expect(sent).toHaveLength(0);
    });

    it('keeps the draft across a remount, and clears it once sent', async () => {
      const sse = new SseBody();
      const first = openChat(() => sse.response());
      await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Half a thought');
      expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('Half a thought');
      first.unmount();

      renderApp('/c/s1');
      const input = await screen.findByRole('textbox', { name: 'Message' });
      expect(input).toHaveValue('Half a thought');

      await userEvent.type(input, ', finished{Enter}');
      await shows('Half a thought, finished');
      expect(input).toHaveValue('');
      sse.send('message.created', makeUserMessage('Half a thought, finished'));
      sse.send('message.completed', { ...makeReply('Noted.'), usage: null });
      sse.close();
      await shows('Noted.');
      expect(localStorage.length).toBe(0);
    });

    it('fills the input from an example prompt on an empty chat', async () => {
      openChat(() => new SseBody().response());

      await userEvent.click(await screen.findByRole('button', { name: /Explain a concept/ }));

      expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue(
        'Explain keyset pagination in two sentences.',
      );
    });

    it('starts a session from the new chat page and streams the reply there', async () => {
      const sse = new SseBody();
      const sent: SentMessage[] = [];
      const api = new FakeChatApi({ sessions: [] });
      server.use(
        ...signedInHandlers(),
        ...api.handlers(),
        http.post(SEND, async ({ request, params }) => {
          sent.push(await readSend(request));
          expect(params.id).toBe('s1-new');
          return sse.response();
        }),
      );
      const { router } = renderApp('/');
      expect(await screen.findByRole('heading', { level: 1, name: 'Start a chat' })).toBeInTheDocument();

      await typeAndSend('First question');

      await waitFor(() => expect(currentPath(router)).toBe('/c/s1-new'));
      expect(api.callsTo('POST', '/api/v1/chat/sessions')).toHaveLength(1);
      sse.send('message.created', makeUserMessage('First question'));
      sse.send('message.delta', { messageId: 'a1', content: 'First answer' });
      await shows('First answer');
      expect(screen.getByText('First question')).toBeInTheDocument();
      sse.close();
      await waitFor(() => expect(sent).toHaveLength(1));
    });

    it('says when the browser is offline and holds the send', async () => {
      const { sent } = openChat(() => new SseBody().response());
      const input = await screen.findByRole('textbox', { name: 'Message' });
      await userEvent.type(input, 'Later');

      vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
      window.dispatchEvent(new Event('offline'));

      await shows('Offline');
      expect(screen.getByText(/You are offline/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Send message' })).toBeDisabled();
      await userEvent.type(input, '{Enter}');
      expect(sent).toHaveLength(0);

      vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
      window.dispatchEvent(new Event('online'));
      await waitFor(() => expect(screen.queryByText('Offline')).not.toBeInTheDocument());
      expect(screen.getByRole('button', { name: 'Send message' })).toBeEnabled();
    });
  },
  CHAT_TEST_TIMEOUT,
);

describe(
  'a long conversation',
  () => {
    it('opens with the latest messages and loads older ones', async () => {
      const history = Array.from({ length: 60 }, (_, i) =>
        makeMessage({
          id: `m${String(i).padStart(3, '0')}`,
          role: i % 2 === 0 ? 'user' : 'assistant',
          content: `Message number ${i}`,
        }),
      );
      const api = new FakeChatApi({ messages: { s1: history } });
      server.use(...signedInHandlers(), ...api.handlers());
      renderApp('/c/s1');

      // jsdom measures every row as 0 px high: the list takes a few passes to show them all.
      await shows('Message number 59', { timeout: 5000 });
      // Scrolled to the top (as jsdom always is), the older page is fetched with the cursor.
      await shows('Message number 0', { timeout: 5000 });
      const older = api.callsTo('GET', '/api/v1/chat/sessions/s1/messages');
      expect(older).toHaveLength(1);
      expect(new URLSearchParams(older[0]!.search).get('cursor')).toBe('m010');
      const log = screen.getByRole('region', { name: 'Messages' });
      expect(within(log).getByText('Beginning of the conversation')).toBeInTheDocument();
      // In order, oldest first.
      const texts = within(log)
        .getAllByText(/^Message number \d+$/)
        .map((e) => Number(e.textContent?.split(' ').at(-1)));
      expect(texts).toEqual([...texts].sort((a, b) => a - b));
    });
  },
  CHAT_TEST_TIMEOUT,
);
