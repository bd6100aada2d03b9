import { STATIC_LENGTH, STATIC_TABLE } from './hpack-static.ts';
import { huffmanDecode } from './huffman.ts';

/** What `HpackDecoder.decode` found. */
export const HpackResult = {
  /** The block decoded; `fields` holds it. */
  ok: 0,
  /**
   * The decoded list passed the size or count bound: decoding went on only as far as the dynamic
   * table needs (no string past the bound was made), so the connection stays usable.
   */
  tooLarge: 1,
  /** A malformed block: a connection error of type COMPRESSION_ERROR (RFC 9113 §4.3). */
  error: 2,
} as const;
export type HpackResultCode = (typeof HpackResult)[keyof typeof HpackResult];

/** Scratch for Huffman-decoded strings; decoding is synchronous, so one per thread serves. */
const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * An HPACK decoder (RFC 7541) for one connection's request header blocks: static and dynamic
 * tables, size updates, Huffman strings. Decoded fields land in `fields` (flat `[name, value, …]`,
 * reused between blocks); the decoded size (RFC 9113 §6.5.2: name + value + 32 per field) is
 * bounded *while* decoding, so an expansion bomb never becomes strings. The dynamic table is
 * bounded by our SETTINGS_HEADER_TABLE_SIZE; an update above it is a COMPRESSION_ERROR.
 */
export class HpackDecoder {
  /** Flat `[name, value, …]` of the last block; `count` pairs are valid. */
  readonly fields: string[] = [];
  count = 0;
  /** RFC sizes of the fields decoded (up to where decoding stopped making strings). */
  size = 0;
  /** The largest table size the encoder may choose: our SETTINGS_HEADER_TABLE_SIZE. */
  readonly #maxTableSize: number;
  /** Current table size limit (≤ #maxTableSize), set by the encoder's size updates. */
  #tableLimit: number;
  #tableSize = 0;
  // The dynamic table as a ring: entry 0 (HPACK index 62) is the newest.
  readonly #names: string[];
  readonly #values: string[];
  #head = 0;
  #length = 0;
  readonly #capacity: number;
  // The integer parser's cursor (decodeInteger writes it).
  #at = 0;

  constructor(maxTableSize = 4096) {
    this.#maxTableSize = maxTableSize;
    this.#tableLimit = maxTableSize;
    this.#capacity = Math.floor(maxTableSize / 32) + 1;
    this.#names = new Array<string>(this.#capacity).fill('');
    this.#values = new Array<string>(this.#capacity).fill('');
  }

  /** Entries in the dynamic table, and their RFC size (for tests). */
  get tableLength(): number {
    return this.#length;
  }
  get tableSize(): number {
    return this.#tableSize;
  }

  /**
   * Decodes one complete header block `buf[start, end)`. Past `maxSize` (RFC sizes) or `maxFields`
   * fields, the rest is only decoded as far as the table needs and `tooLarge` is returned.
   */
  decode(buf: Buffer, start: number, end: number, maxSize: number, maxFields: number): HpackResultCode {
    const fields = this.fields;
    let count = 0;
    let size = 0;
    let over = false;
    let at = start;
    let first = true;
    while (at < end) {
      const byte = buf[at] as number;
      if (byte >= 0x80) {
        // Indexed field (§6.1).
        const index = this.#integer(buf, at, end, 7);
        if (index <= 0) return HpackResult.error;
        at = this.#at;
        first = false;
        let name: string;
        let value: string;
        if (index <= STATIC_LENGTH) {
          const entry = STATIC_TABLE[index] as readonly [string, string];
          name = entry[0];
          value = entry[1];
        } else {
          const slot = index - STATIC_LENGTH - 1;
          if (slot >= this.#length) return HpackResult.error;
          const ring = (this.#head + slot) % this.#capacity;
          name = this.#names[ring] as string;
          value = this.#values[ring] as string;
        }
        if (over) continue;
        size += name.length + value.length + 32;
        if (size > maxSize || count >= maxFields) {
          over = true;
          continue;
        }
        fields[2 * count] = name;
        fields[2 * count + 1] = value;
        count++;
        continue;
      }
      if (byte >= 0x20 && byte < 0x40) {
        // Dynamic table size update (§6.3): only at the start of a block, never above our setting.
        if (!first) return HpackResult.error;
        const limit = this.#integer(buf, at, end, 5);
        if (limit < 0 || limit > this.#maxTableSize) return HpackResult.error;
        at = this.#at;
        this.#tableLimit = limit;
        this.#evict(0);
        continue;
      }
      first = false;
      // A literal (§6.2): with incremental indexing (01), without (0000) or never indexed (0001).
      const indexing = byte >= 0x40;
      const nameIndex = this.#integer(buf, at, end, indexing ? 6 : 4);
      if (nameIndex < 0) return HpackResult.error;
      at = this.#at;
      let name: string;
      if (nameIndex === 0) {
        const s = this.#string(buf, at, end, !indexing && over);
        if (s === null) return HpackResult.error;
        name = s;
        at = this.#at;
      } else if (nameIndex <= STATIC_LENGTH) {
        name = (STATIC_TABLE[nameIndex] as readonly [string, string])[0];
      } else {
        const slot = nameIndex - STATIC_LENGTH - 1;
        if (slot >= this.#length) return HpackResult.error;
        name = this.#names[(this.#head + slot) % this.#capacity] as string;
      }
      const value = this.#string(buf, at, end, !indexing && over);
      if (value === null) return HpackResult.error;
      at = this.#at;
      if (indexing) this.#insert(name, value);
      if (over) continue;
      size += name.length + value.length + 32;
      if (size > maxSize || count >= maxFields) {
        over = true;
        continue;
      }
      fields[2 * count] = name;
      fields[2 * count + 1] = value;
      count++;
    }
    this.count = count;
    this.size = size;
    return over ? HpackResult.tooLarge : HpackResult.ok;
  }

  /** An integer with an N-bit prefix at buf[at] (§5.1); -1 when malformed or above 2^24. Sets #at. */
  #integer(buf: Buffer, at: number, end: number, prefix: number): number {
    const mask = (1 << prefix) - 1;
    let value = (buf[at++] as number) & mask;
    if (value < mask) {
      this.#at = at;
      return value;
    }
    let shift = 0;
    for (;;) {
      if (at >= end || shift > 21) return -1;
      const b = buf[at++] as number;
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    if (value > 0xffffff) return -1;
    this.#at = at;
    return value;
  }

  /**
   * A string literal at buf[at] (§5.2); null when malformed. `skip`: not wanted (past the bound,
   * not going into the table) — its bytes are stepped over, nothing decoded. A Huffman string
   * longer than 64 KiB decoded is refused (null) like a malformed one. Sets #at.
   */
  #string(buf: Buffer, at: number, end: number, skip: boolean): string | null {
    const huffman = (buf[at] as number) >= 0x80;
    const length = this.#integer(buf, at, end, 7);
    if (length < 0) return null;
    at = this.#at;
    const stop = at + length;
    if (stop > end) return null;
    this.#at = stop;
    if (skip) return '';
    if (!huffman) return buf.toString('latin1', at, stop);
    const n = huffmanDecode(buf, at, stop, scratch);
    return n < 0 ? null : scratch.toString('latin1', 0, n);
  }

  #insert(name: string, value: string): void {
    const entrySize = name.length + value.length + 32;
    if (entrySize > this.#tableLimit) {
      // Larger than the table: it empties the table and is not added (§4.4).
      this.#evict(this.#tableLimit);
      return;
    }
    this.#evict(entrySize);
    this.#head = (this.#head + this.#capacity - 1) % this.#capacity;
    this.#names[this.#head] = name;
    this.#values[this.#head] = value;
    this.#length++;
    this.#tableSize += entrySize;
  }

  /** Evicts the oldest entries until `room` more bytes fit under the limit. */
  #evict(room: number): void {
    while (this.#length > 0 && this.#tableSize + room > this.#tableLimit) {
      const ring = (this.#head + this.#length - 1) % this.#capacity;
      this.#tableSize -= (this.#names[ring] as string).length + (this.#values[ring] as string).length + 32;
      this.#names[ring] = '';
      this.#values[ring] = '';
      this.#length--;
    }
  }
}
