/*
 * The floor of `make bench-stream`: the send route's stack with none of its work. Express, a JSON
 * body, the same OpenAI SDK adapter and the same SSE writer as Parley, and nothing else: no
 * authentication, feature flag, limits or database. What this adds over going straight to the
 * model is what any proxy built this way adds on this machine; Parley's own work is the rest.
 *
 *   node --import tsx bench/bare-proxy.ts <model base URL>   (prints its URL)
 */
import express from 'express';
import { clientGoneSignal, SseWriter } from '../src/http/sse-writer.js';
import { OpenAiChatModel } from '../src/infrastructure/llm/openai-chat-model.adapter.js';

const baseURL = process.argv[2];
if (!baseURL) throw new Error('usage: bare-proxy.ts <model base URL>');
const model = new OpenAiChatModel({ baseURL, apiKey: 'bench', model: 'bench', requestTimeoutMs: 30_000 });

const app = express();
app.use(express.json());
app.post('/send', async (req, res) => {
  const sse = new SseWriter(res);
  try {
    const content = String((req.body as { content?: unknown }).content ?? '');
    for await (const event of model.stream({
      messages: [{ role: 'user', content }],
      maxTokens: 1024,
      signal: clientGoneSignal(res),
    })) {
      if (event.type === 'delta') await sse.send('message.delta', { content: event.text });
    }
  } finally {
    sse.end();
  }
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`http://127.0.0.1:${address.port}`);
});
