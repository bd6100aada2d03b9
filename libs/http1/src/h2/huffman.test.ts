import { describe, expect, it } from 'vitest';
import { huffmanDecode, huffmanEncode, huffmanEncodedLength } from './huffman.ts';

const out = Buffer.alloc(4096);
const decode = (bytes: Buffer): string | number => {
  const n = huffmanDecode(bytes, 0, bytes.length, out);
  return n < 0 ? n : out.toString('latin1', 0, n);
};

describe('Huffman code (RFC 7541 Appendix B)', () => {
  it('decodes the RFC examples', () => {
    expect(decode(Buffer.from('f1e3c2e5f23a6ba0ab90f4ff', 'hex'))).toBe('www.example.com');
    expect(decode(Buffer.from('a8eb10649cbf', 'hex'))).toBe('no-cache');
    expect(decode(Buffer.from('25a849e95ba97d7f', 'hex'))).toBe('custom-key');
    expect(decode(Buffer.from('d07abe941054d444a8200595040b8166e082a62d1bff', 'hex'))).toBe(
      'Mon, 21 Oct 2013 20:13:21 GMT',
    );
  });

  it('round-trips every byte value', () => {
    let text = '';
    for (let i = 0; i < 256; i++) text += String.fromCharCode(i);
    text += text.split('').reverse().join('');
    const buf = Buffer.alloc(huffmanEncodedLength(text));
    expect(huffmanEncode(text, buf, 0)).toBe(buf.length);
    expect(decode(buf)).toBe(text);
  });

  it('refuses padding longer than 7 bits, padding that is not ones, and EOS', () => {
    expect(decode(Buffer.from('ff', 'hex'))).toBe(-1); // 8 bits of padding
    expect(decode(Buffer.from('1f', 'hex'))).toBe('a'); // 'a' (00011), then 111: valid padding
    expect(decode(Buffer.from('18', 'hex'))).toBe(-1); // 'a' then padding 000
    expect(decode(Buffer.from('ffffffff', 'hex'))).toBe(-1); // EOS (30 ones) inside the string
    expect(decode(Buffer.from('', 'hex'))).toBe('');
  });

  it('says when the output does not fit', () => {
    const text = 'abc'.repeat(100);
    const buf = Buffer.alloc(huffmanEncodedLength(text));
    huffmanEncode(text, buf, 0);
    expect(huffmanDecode(buf, 0, buf.length, Buffer.alloc(10))).toBe(-2);
  });
});
