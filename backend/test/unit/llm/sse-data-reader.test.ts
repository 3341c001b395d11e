import { describe, expect, it } from 'vitest';
import { readSseData } from '../../../src/infrastructure/llm/sse-data-reader.js';

async function* bytes(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

async function read(...parts: (string | Uint8Array)[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readSseData(bytes(...parts))) out.push(data);
  return out;
}

describe('readSseData', () => {
  it('yields the data of each event', async () => {
    expect(await read('data: {"a":1}\n\ndata: [DONE]\n\n')).toEqual(['{"a":1}', '[DONE]']);
  });

  it('joins events and lines split anywhere across reads', async () => {
    expect(await read('da', 'ta: one', '\n', '\nd', 'ata: two\n\n')).toEqual(['one', 'two']);
  });

  it('keeps a multi-byte character split across reads', async () => {
    const encoded = new TextEncoder().encode('data: é€😀\n\n');
    expect(await read(encoded.slice(0, 7), encoded.slice(7, 10), encoded.slice(10))).toEqual(['é€😀']);
  });

  it('accepts CRLF and CR line ends, also with CRLF split across reads', async () => {
    expect(await read('data: a\r\n\r\ndata: b\r', '\n\r', '\ndata: c\r\r')).toEqual(['a', 'b', 'c']);
  });

  it('joins several data lines with a newline and ignores comments and other fields', async () => {
    expect(await read(': keep-alive\n\nevent: x\nid: 4\ndata: line 1\ndata:line 2\nretry: 10\n\n')).toEqual([
      'line 1\nline 2',
    ]);
  });

  it('drops an event the stream cuts off before its blank line', async () => {
    expect(await read('data: whole\n\ndata: cut off')).toEqual(['whole']);
    expect(await read('data: whole\n\ndata: line 1\ndata: line 2\n')).toEqual(['whole']);
    expect(await read('data: whole\r\n\r\ndata: cut off\r')).toEqual(['whole']);
  });

  it('takes a CR at the very end of the stream as a whole line end', async () => {
    expect(await read('data: last\r\r')).toEqual(['last']);
    expect(await read('data: last\r', '\r')).toEqual(['last']);
  });

  it('skips events whose data is empty, and those with no data at all', async () => {
    expect(await read('data\n\ndata:\n\nid: 1\nevent: x\n\ndata\ndata\n\ndata: end\n\n')).toEqual([
      '\n',
      'end',
    ]);
  });

  it('skips a byte order mark at the start', async () => {
    expect(await read(new Uint8Array([0xef, 0xbb, 0xbf]), 'data: x\n\n')).toEqual(['x']);
  });

  it('yields each event as soon as its blank line arrives, before reading on', async () => {
    const log: string[] = [];
    async function* body(): AsyncGenerator<Uint8Array> {
      for (const part of ['data: one\n', '\ndata: two\n\n', 'data: three\n\n']) {
        log.push(`read ${JSON.stringify(part)}`);
        yield new TextEncoder().encode(part);
      }
    }
    for await (const data of readSseData(body())) log.push(`got ${data}`);
    expect(log).toEqual([
      'read "data: one\\n"',
      'read "\\ndata: two\\n\\n"',
      'got one',
      'got two',
      'read "data: three\\n\\n"',
      'got three',
    ]);
  });

  it('closes the body when the consumer stops early', async () => {
    let reads = 0;
    let closed = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        while (reads < 3) {
          reads += 1;
          yield new TextEncoder().encode(`data: ${reads}\n\n`);
        }
      } finally {
        closed = true;
      }
    }
    const events = readSseData(body());
    expect(await events.next()).toEqual({ value: '1', done: false });
    expect(await events.return()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(true);
    expect(reads).toBe(1);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });
});
