import { STATIC_NAME_INDEX } from './hpack-static.ts';

/** `:status` values with an entry of their own in the static table (RFC 7541 Appendix A). */
const STATUS_INDEX: Record<number, number> = { 200: 8, 204: 9, 206: 10, 304: 11, 400: 12, 404: 13, 500: 14 };

/**
 * Encodes response header blocks (RFC 7541) without a dynamic table: `:status` indexed when the
 * static table has it, other fields as literals without indexing — the name indexed when the static
 * table has it, values as plain (not Huffman) strings. No state, so nothing to keep in step with the
 * client's SETTINGS_HEADER_TABLE_SIZE. One encoder per thread: a block is written into its buffer
 * and copied into the connection's output before the next one starts.
 */
export class HpackEncoder {
  buf: Buffer;
  pos = 0;

  constructor(size = 16 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Starts a block. */
  reset(): void {
    this.pos = 0;
  }

  status(code: number): void {
    const index = STATUS_INDEX[code];
    if (index !== undefined) {
      this.#room(1);
      this.buf[this.pos++] = 0x80 | index;
      return;
    }
    this.#room(5);
    this.buf[this.pos++] = 0x08; // literal without indexing, name :status (index 8)
    this.buf[this.pos++] = 3;
    this.pos += this.buf.write(String(code), this.pos, 'latin1');
  }

  /** A field whose name is lower-case already. */
  field(name: string, value: string): void {
    const index = STATIC_NAME_INDEX.get(name);
    this.#room(name.length + value.length + 12);
    if (index !== undefined) {
      this.#integer(0x00, 4, index);
    } else {
      this.buf[this.pos++] = 0x00;
      this.#string(name);
    }
    this.#string(value);
  }

  #string(text: string): void {
    this.#integer(0x00, 7, text.length);
    this.pos += this.buf.write(text, this.pos, 'latin1');
  }

  #integer(high: number, prefix: number, value: number): void {
    const max = (1 << prefix) - 1;
    if (value < max) {
      this.buf[this.pos++] = high | value;
      return;
    }
    this.buf[this.pos++] = high | max;
    value -= max;
    while (value >= 0x80) {
      this.buf[this.pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.buf[this.pos++] = value;
  }

  #room(n: number): void {
    if (this.buf.length - this.pos >= n) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
