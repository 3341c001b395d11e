import { createParser } from 'eventsource-parser';

/**
 * The `data` of every server-sent event in a byte stream, one string per event, as soon as the
 * event's blank line arrives. Events whose data is empty are skipped; comments and the other
 * fields are ignored. An event that the end of the stream cuts off before its blank line is
 * dropped, as the WHATWG spec says: the caller notices what is missing.
 *
 * We read the stream ourselves instead of through the openai SDK's `Stream`, because the SDK
 * treats a body that ends without `data: [DONE]` as a normal end, and we need to know. The SSE
 * parsing itself (line ends, `data:` lines joined with `\n`, fields, comments) is eventsource-parser's.
 */
export async function* readSseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  const ready: string[] = [];
  const parser = createParser({
    onEvent(event) {
      if (event.data !== '') ready.push(event.data);
    },
  });
  // The parser cannot know that a `\r` at the end of what it was fed is a whole line end and not
  // the first half of `\r\n`, so it waits. At the end of the stream we know: feeding the `\n`
  // makes it `\r\n`, the same single line end.
  let endsInCr = false;
  const feed = (text: string): void => {
    if (text === '') return;
    parser.feed(text);
    endsInCr = text.endsWith('\r');
  };

  for await (const bytes of body) {
    feed(decoder.decode(bytes, { stream: true }));
    for (const data of ready.splice(0)) yield data;
  }
  feed(decoder.decode());
  if (endsInCr) parser.feed('\n');
  for (const data of ready.splice(0)) yield data;
}
