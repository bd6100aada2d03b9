import { describe, expect, it } from 'vitest';
import { HpackDecoder, HpackResult } from './hpack-decoder.ts';
import { HpackEncoder } from './hpack-encoder.ts';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const BIG = 1 << 20;

function decode(decoder: HpackDecoder, block: Buffer, maxSize = BIG, maxFields = 1000): [string, string][] {
  expect(decoder.decode(block, 0, block.length, maxSize, maxFields)).toBe(HpackResult.ok);
  const out: [string, string][] = [];
  for (let i = 0; i < decoder.count; i++)
    out.push([decoder.fields[2 * i] as string, decoder.fields[2 * i + 1] as string]);
  return out;
}

describe('HPACK decoder: RFC 7541 Appendix C', () => {
  it('C.2.1: a literal with indexing enters the dynamic table', () => {
    const d = new HpackDecoder();
    expect(decode(d, hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'))).toEqual([
      ['custom-key', 'custom-header'],
    ]);
    expect(d.tableSize).toBe(55);
  });

  it('C.2.2 / C.2.3: literals without indexing and never indexed stay out of the table', () => {
    const d = new HpackDecoder();
    expect(decode(d, hex('040c 2f73 616d 706c 652f 7061 7468'))).toEqual([[':path', '/sample/path']]);
    expect(decode(d, hex('1008 7061 7373 776f 7264 0673 6563 7265 74'))).toEqual([['password', 'secret']]);
    expect(d.tableLength).toBe(0);
  });

  it('C.3: requests without Huffman, one table across the three', () => {
    const d = new HpackDecoder();
    const base: [string, string][] = [
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
    ];
    expect(decode(d, hex('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d'))).toEqual(base);
    expect(d.tableSize).toBe(57);
    expect(decode(d, hex('8286 84be 5808 6e6f 2d63 6163 6865'))).toEqual([...base, ['cache-control', 'no-cache']]);
    expect(d.tableSize).toBe(110);
    expect(decode(d, hex('8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65'))).toEqual([
      [':method', 'GET'],
      [':scheme', 'https'],
      [':path', '/index.html'],
      [':authority', 'www.example.com'],
      ['custom-key', 'custom-value'],
    ]);
    expect(d.tableSize).toBe(164);
    expect(d.tableLength).toBe(3);
  });

  it('C.4: the same requests with Huffman strings', () => {
    const d = new HpackDecoder();
    expect(decode(d, hex('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'))).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
    ]);
    expect(decode(d, hex('8286 84be 5886 a8eb 1064 9cbf')).at(-1)).toEqual(['cache-control', 'no-cache']);
    expect(decode(d, hex('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf')).at(-1)).toEqual([
      'custom-key',
      'custom-value',
    ]);
    expect(d.tableSize).toBe(164);
  });

  it('C.6: responses with Huffman and a 256-byte table (evictions)', () => {
    const d = new HpackDecoder(256);
    expect(
      decode(
        d,
        hex(`4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
             2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3`),
      ),
    ).toEqual([
      [':status', '302'],
      ['cache-control', 'private'],
      ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'],
      ['location', 'https://www.example.com'],
    ]);
    expect(d.tableSize).toBe(222);
    expect(decode(d, hex('4883 640e ffc1 c0bf'))[0]).toEqual([':status', '307']);
    expect(d.tableSize).toBe(222);
    expect(
      decode(
        d,
        hex(`88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
             77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
             9587 3160 65c0 03ed 4ee5 b106 3d50 07`),
      ),
    ).toEqual([
      [':status', '200'],
      ['cache-control', 'private'],
      ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'],
      ['location', 'https://www.example.com'],
      ['content-encoding', 'gzip'],
      ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1'],
    ]);
    expect(d.tableSize).toBe(215);
    expect(d.tableLength).toBe(3);
  });
});

describe('HPACK decoder: limits and malformed blocks', () => {
  it('applies a size update at the start of a block, and refuses one above our setting or after a field', () => {
    const d = new HpackDecoder(4096);
    decode(d, hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    const zero = hex('20 82'); // size 0 (evicts everything), then :method GET
    expect(decode(d, zero)).toEqual([[':method', 'GET']]);
    expect(d.tableLength).toBe(0);
    const above = hex('3fe2 1f'); // 31 + 98 + (31 << 7) = 4097 > 4096
    expect(d.decode(above, 0, above.length, BIG, 100)).toBe(HpackResult.error);
    const late = hex('82 20');
    expect(new HpackDecoder().decode(late, 0, late.length, BIG, 100)).toBe(HpackResult.error);
  });

  it('refuses indexes out of range, index 0, truncated strings and integers, and bad Huffman', () => {
    for (const block of ['80', 'be', 'ff', '41 05 61', '0f', '4085 ff', '40 81 ff ff', '4081 00 00']) {
      const buf = hex(block);
      expect(new HpackDecoder().decode(buf, 0, buf.length, BIG, 100), block).toBe(HpackResult.error);
    }
  });

  it('bounds the decoded list while decoding: an expansion bomb becomes no strings, the table stays in step', () => {
    const d = new HpackDecoder();
    const value = 'b'.repeat(4000);
    // A literal with indexing, new name, a 4000-byte value (length 127 + 3873: 0x7f 0xa1 0x1e).
    const parts = [Buffer.from([0x40, 6]), Buffer.from('x-bomb'), Buffer.from([0x7f, 0xa1, 0x1e])];
    parts.push(Buffer.from(value));
    for (let i = 0; i < 1000; i++) parts.push(Buffer.from([0xbe]));
    const block = Buffer.concat(parts);
    expect(d.decode(block, 0, block.length, 32_768, 264)).toBe(HpackResult.tooLarge);
    expect(d.count).toBeLessThanOrEqual(8);
    // The entry is in the table: the next block can use it.
    const next = hex('be');
    expect(decode(d, next)).toEqual([['x-bomb', value]]);
  });

  it('counts fields against the field bound', () => {
    const block = Buffer.alloc(300, 0x82);
    expect(new HpackDecoder().decode(block, 0, block.length, BIG, 256)).toBe(HpackResult.tooLarge);
  });
});

describe('HPACK encoder', () => {
  it('writes blocks the decoder reads back', () => {
    const e = new HpackEncoder(16);
    e.reset();
    e.status(200);
    e.status(599);
    e.field('content-type', 'text/plain');
    e.field('x-long', 'v'.repeat(300));
    e.field('www-authenticate', '');
    const d = new HpackDecoder();
    expect(decode(d, e.buf.subarray(0, e.pos))).toEqual([
      [':status', '200'],
      [':status', '599'],
      ['content-type', 'text/plain'],
      ['x-long', 'v'.repeat(300)],
      ['www-authenticate', ''],
    ]);
    expect(d.tableLength).toBe(0);
  });
});
