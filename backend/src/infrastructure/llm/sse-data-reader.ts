/**
 * The `data` of every server-sent event in a byte stream, by the WHATWG rules: lines end with
 * `\n`, `\r\n` or `\r`; `data:` lines of one event are joined with `\n`; a blank line ends the
 * event; comments (`:`) and the other fields are ignored. An event that the end of the stream
 * cuts off before its blank line is dropped, as the spec says: the caller notices what is missing.
 *
 * We read the stream ourselves instead of through the openai SDK's `Stream`, because the SDK
 * treats a body that ends without `data: [DONE]` as a normal end, and we need to know.
 */
export async function* readSseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];

  function* takeLines(final: boolean): Generator<string> {
    let pos = 0;
    for (;;) {
      const lf = buffer.indexOf('\n', pos);
      const cr = buffer.indexOf('\r', pos);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A lone `\r` at the end may be the first half of `\r\n`: wait for the next bytes.
        if (cr === buffer.length - 1 && !final) break;
        end = cr;
        next = buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      yield buffer.slice(pos, end);
      pos = next;
    }
    buffer = buffer.slice(pos);
  }

  function* onLine(line: string): Generator<string> {
    if (line === '') {
      if (data.length > 0) {
        const joined = data.join('\n');
        data = [];
        if (joined !== '') yield joined;
      }
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    data.push(value);
  }

  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    for (const line of takeLines(false)) yield* onLine(line);
  }
  buffer += decoder.decode();
  for (const line of takeLines(true)) yield* onLine(line);
}
