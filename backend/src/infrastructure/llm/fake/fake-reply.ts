/*
 * The fake model's deterministic answer. By default it is Markdown derived from the last user
 * message, with a heading, a bullet list and a fenced code block, so the UI's Markdown rendering
 * can be shown and tested end to end with the demo model. Token counts are rough (4 characters
 * a token): the fake is about shapes and timing, not about exact numbers.
 */

export interface FakeMessage {
  readonly role: string;
  readonly content: string;
}

export function demoReply(messages: readonly FakeMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const oneLine = last.replace(/\s+/g, ' ').trim();
  const quote = oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
  const words = oneLine === '' ? [] : oneLine.split(' ');
  const firstWord = (words[0] ?? '').replace(/`/g, "'");
  return [
    '## Demo reply',
    '',
    `> ${quote || '(an empty message)'}`,
    '',
    'This answer comes from the **demo model** built into Parley, so the chat works without a model',
    'provider. Set `SAMBANOVA_API_KEY` to talk to a real model.',
    '',
    `- Your message has **${words.length}** ${words.length === 1 ? 'word' : 'words'} and **${oneLine.length}** characters.`,
    `- Its first word is \`${firstWord || '—'}\`.`,
    '- Replies like this one stream in small pieces, just like a real model.',
    '',
    '```ts',
    `const message = ${JSON.stringify(quote)};`,
    "const words = message.split(' ').filter(Boolean);",
    `console.log(words.length); // ${words.length}`,
    '```',
    '',
    'Ask me anything else and I will answer the same way.',
  ].join('\n');
}

/** Splits text into `count` pieces of nearly equal length (by code point; fewer if it is shorter). */
export function splitIntoChunks(text: string, count: number): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const n = Math.max(1, Math.min(count, chars.length));
  const chunks: string[] = [];
  for (let i = 0; i < n; i += 1) {
    chunks.push(
      chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(''),
    );
  }
  return chunks;
}

export function estimateTokens(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}

export function estimatePromptTokens(messages: readonly FakeMessage[]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(m.content), 3);
}

/** Cuts the reply at `maxTokens` (rough tokens), the way a provider stops with `length`. */
export function limitToMaxTokens(
  text: string,
  maxTokens: number | undefined,
): { text: string; finishReason: 'stop' | 'length' } {
  if (maxTokens === undefined || estimateTokens(text) <= maxTokens) return { text, finishReason: 'stop' };
  return {
    text: Array.from(text)
      .slice(0, maxTokens * 4)
      .join(''),
    finishReason: 'length',
  };
}
