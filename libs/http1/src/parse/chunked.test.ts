import { describe, expect, it } from 'vitest';
import { ChunkedDecoder, type ChunkSink } from './chunked.ts';

class Collector implements ChunkSink {
  data = '';
  chunkData(buf: Buffer, start: number, end: number): void {
    this.data += buf.toString('latin1', start, end);
  }
}

/** `end`: offset past the message, 'more' when incomplete, -1 when refused; `data`: the de-chunked bytes. */
function allAtOnce(text: string) {
  const buf = Buffer.from(text, 'latin1');
  const sink = new Collector();
  const decoder = new ChunkedDecoder();
  decoder.reset(sink);
  const q = decoder.feed(buf, 0, buf.length);
  return { end: q < 0 ? -1 : decoder.done ? q : 'more', data: sink.data, failed: decoder.failed };
}

function byteByByte(text: string) {
  const buf = Buffer.from(text, 'latin1');
  const sink = new Collector();
  const decoder = new ChunkedDecoder();
  decoder.reset(sink);
  let end: number | 'more' = 'more';
  for (let i = 0; i < buf.length; i++) {
    const q = decoder.feed(buf, i, i + 1);
    if (q < 0) {
      end = -1;
      break;
    }
    if (decoder.done) {
      end = q;
      break;
    }
  }
  return { end, data: sink.data, failed: decoder.failed };
}

const COMPLETE: readonly (readonly [string, string])[] = [
  ['0\r\n\r\n', ''],
  ['5\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n', 'hello world'],
  ['A\r\n0123456789\r\n0\r\n\r\n', '0123456789'],
  ['a\r\n\r\n\r\n\r\n\r\n\r\n\r\n0\r\n\r\n', '\r\n\r\n\r\n\r\n\r\n'],
  ['5;a\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['5;a=b;c=d\r\nhello\r\n0;e\r\n\r\n', 'hello'],
  ['5;a="q \\" ;v"\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['5\r\nhello\r\n0\r\nX-T: 1\r\nExpires:\r\n\r\n', 'hello'],
  // Leading zeros do not count towards the size limit (llhttp reads them as the number they are).
  ['00000000000000000001\r\na\r\n00000000000000000000\r\n\r\n', 'a'],
];

const REFUSED: readonly string[] = [
  '\r\n',
  '-1\r\na\r\n0\r\n\r\n',
  '+1\r\na\r\n0\r\n\r\n',
  '0x1\r\na\r\n0\r\n\r\n',
  ' 1\r\na\r\n0\r\n\r\n',
  '1 \r\na\r\n0\r\n\r\n',
  '1\t\r\na\r\n0\r\n\r\n',
  '1\na\r\n0\r\n\r\n',
  '1\r\nab\r\n0\r\n\r\n',
  '1\r\na\n0\r\n\r\n',
  '1\r\na0\r\n\r\n',
  '1000000000000\r\n', // 2^48: above the largest chunk accepted
  'ffffffffffffffffffff\r\n',
  // An empty extension name (llhttp: HPE_STRICT), and whitespace anywhere in an extension.
  '1;\r\na\r\n0\r\n\r\n',
  '1;=b\r\na\r\n0\r\n\r\n',
  '1;a=b;\r\na\r\n0\r\n\r\n',
  '1 ;a\r\na\r\n0\r\n\r\n',
  '1; a\r\na\r\n0\r\n\r\n',
  '1;a =b\r\na\r\n0\r\n\r\n',
  '1;a= b\r\na\r\n0\r\n\r\n',
  '1;a=\r\na\r\n0\r\n\r\n',
  '1;a="x\r\na\r\n0\r\n\r\n',
  '1;a="\x01"\r\na\r\n0\r\n\r\n',
  '1;a\x00\r\na\r\n0\r\n\r\n',
  '0\r\nX T: 1\r\n\r\n',
  '0\r\n: 1\r\n\r\n',
  '0\r\nX-T: \x00\r\n\r\n',
  '0\r\nX-T: 1\n\r\n',
  '0\r\n\n',
];

describe('ChunkedDecoder', () => {
  it.each(COMPLETE)('decodes %j', (text, data) => {
    expect(allAtOnce(text)).toEqual({ end: text.length, data, failed: false });
  });

  it.each(REFUSED.map((t) => [t]))('refuses %j', (text) => {
    expect(allAtOnce(text)).toMatchObject({ end: -1, failed: true });
  });

  it('says where the message ends when the next one follows', () => {
    const body = '3\r\nabc\r\n0\r\n\r\n';
    expect(allAtOnce(`${body}GET / HTTP/1.1\r\n`)).toEqual({ end: body.length, data: 'abc', failed: false });
  });

  it('waits for more bytes inside a message, however large a chunk is announced', () => {
    for (const text of ['5\r\nhel', '5\r\nhello\r', '5;a="x', '0\r\nX-T: 1\r\n', 'ffffffffffff\r\n']) {
      expect(allAtOnce(text)).toMatchObject({ end: 'more', failed: false });
    }
  });

  it.each([...COMPLETE.map(([t]) => t), ...REFUSED].map((t) => [t]))('byte by byte = all at once: %j', (text) => {
    expect(byteByByte(text)).toEqual(allAtOnce(text));
  });

  it('is reusable after reset', () => {
    const decoder = new ChunkedDecoder();
    const bad = Buffer.from('x\r\n');
    expect(decoder.feed(bad, 0, bad.length)).toBe(-1);
    decoder.reset();
    const good = Buffer.from('1\r\na\r\n0\r\n\r\n');
    expect(decoder.feed(good, 0, good.length)).toBe(good.length);
    expect(decoder.done).toBe(true);
  });
});
