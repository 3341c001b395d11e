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
    expect(await read(': keep-alive\n\nevent: x\nid: 4\ndata: line 1\ndata:line 2\nretry: 10\n\n')).toEqual(['line 1\nline 2']);
  });

  it('drops an event the stream cuts off before its blank line', async () => {
    expect(await read('data: whole\n\ndata: cut off')).toEqual(['whole']);
  });
});
