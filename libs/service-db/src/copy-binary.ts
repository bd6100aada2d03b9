/**
 * PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`), read tuple by tuple.
 *
 * Format (PostgreSQL docs, "COPY — Binary Format"): an 11-byte signature, a 32-bit flags word, a
 * 32-bit header-extension length and that many bytes; then per tuple a 16-bit field count and per
 * field a 32-bit length (-1 for NULL) followed by that many bytes of the type's binary
 * representation; a field count of -1 ends the data. All integers are big-endian.
 */
import type { Readable } from 'node:stream';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_FIXED = SIGNATURE.length + 8;
/** Bit 16 of the flags word: OIDs included (never, for a query's output; refused). */
const FLAG_OIDS = 1 << 16;
const EMPTY = Buffer.alloc(0);
/** Pause the stream while this much is buffered and not parsed; resume below a quarter of it. */
const HIGH_WATER = 8 * 1024 * 1024;

export class CopyFormatError extends Error {
  override name = 'CopyFormatError';
}

/** `next()` results. */
export const TUPLE = 1;
export const NEED_DATA = 0;
export const END = -1;

/**
 * Tuples of one binary COPY stream, pulled one at a time: `next()` makes the next tuple current —
 * `bytes` holds it, field i is `bytes[starts[i], starts[i] + lengths[i])` (length -1: NULL) — or
 * says that more data must arrive first (`await more()`), or that the stream ended. No allocation per
 * tuple or per field; a tuple split across chunks costs one copy of the bytes left in the chunk.
 * The stream is paused while more than 8 MiB wait unparsed.
 */
export class CopyTupleSource {
  bytes: Buffer = EMPTY;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  fields = 0;
  tuples = 0;
  readonly #stream: Readable;
  readonly #chunks: Buffer[] = [];
  #queued = 0;
  #at = 0;
  #headerRead = false;
  #trailer = false;
  #ended = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;

  /** `maxFields`: the widest tuple expected (a wider one is a format error). */
  constructor(stream: Readable, maxFields: number) {
    this.starts = new Int32Array(maxFields);
    this.lengths = new Int32Array(maxFields);
    this.#stream = stream;
    stream.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#queued += chunk.length;
      if (this.#queued > HIGH_WATER) stream.pause();
      this.#notify();
    });
    stream.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
    stream.on('error', (error: Error) => {
      this.#error = error;
      this.#notify();
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** Resolves once more data arrived, the stream ended or failed. */
  more(): Promise<void> {
    if (this.#chunks.length > 0 || this.#ended || this.#error) return Promise.resolve();
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  /** TUPLE (a tuple is current), NEED_DATA (`await more()` and call again) or END (after the trailer). */
  next(): number {
    for (;;) {
      if (this.#error) throw this.#error;
      const result = this.#parse();
      if (result !== NEED_DATA) return result;
      const chunk = this.#chunks.shift();
      if (chunk === undefined) {
        if (this.#ended) throw new CopyFormatError('binary COPY stream ended mid-tuple');
        return NEED_DATA;
      }
      this.#queued -= chunk.length;
      if (this.#queued < HIGH_WATER / 4 && this.#stream.isPaused()) this.#stream.resume();
      const rest = this.bytes.length - this.#at;
      this.bytes = rest === 0 ? chunk : Buffer.concat([this.bytes.subarray(this.#at), chunk]);
      this.#at = 0;
    }
  }

  #parse(): number {
    const bytes = this.bytes;
    const end = bytes.length;
    let at = this.#at;
    if (!this.#headerRead) {
      if (end - at < HEADER_FIXED) return NEED_DATA;
      if (!bytes.subarray(at, at + SIGNATURE.length).equals(SIGNATURE)) {
        throw new CopyFormatError('not a binary COPY stream (bad signature)');
      }
      if ((bytes.readInt32BE(at + SIGNATURE.length) & FLAG_OIDS) !== 0) {
        throw new CopyFormatError('binary COPY with OIDs is not supported');
      }
      const after = at + HEADER_FIXED + bytes.readInt32BE(at + SIGNATURE.length + 4);
      if (end < after) return NEED_DATA;
      this.#headerRead = true;
      at = this.#at = after;
    }
    if (this.#trailer) {
      if (at < end) throw new CopyFormatError('data after the end of a binary COPY stream');
      return END;
    }
    if (at + 2 > end) return NEED_DATA;
    const fields = bytes.readInt16BE(at);
    if (fields === -1) {
      this.#trailer = true;
      this.#at = at + 2;
      return this.#parse();
    }
    const starts = this.starts;
    const lengths = this.lengths;
    if (fields < 0 || fields > starts.length) {
      throw new CopyFormatError(`a tuple of ${fields} fields (at most ${starts.length} expected)`);
    }
    let p = at + 2;
    for (let i = 0; i < fields; i++) {
      if (p + 4 > end) return NEED_DATA;
      const length = bytes.readInt32BE(p);
      p += 4;
      starts[i] = p;
      lengths[i] = length;
      if (length > 0) {
        p += length;
        if (p > end) return NEED_DATA;
      }
    }
    this.fields = fields;
    this.tuples++;
    this.#at = p;
    return TUPLE;
  }
}

/** -1, 0 or 1 as the 16 bytes at `a[i]` sort before, equal or after those at `b[j]` (uuid order is byte order). */
export function compareUuid(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  for (let k = 0; k < 16; k++) {
    const x = a[i + k] as number;
    const y = b[j + k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_BYTES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_BYTES[i * 2] = (HEX[i] as string).charCodeAt(0);
  HEX_BYTES[i * 2 + 1] = (HEX[i] as string).charCodeAt(1);
}

/**
 * Writes a binary uuid (16 bytes at `from`) as PostgreSQL prints it — 36 lower-case characters,
 * 8-4-4-4-12 — at `offset` of `target`; returns the offset after it.
 */
export function writeUuidText(source: Uint8Array, from: number, target: Uint8Array, offset: number): number {
  let at = offset;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) target[at++] = 0x2d; // '-'
    const byte = source[from + i] as number;
    target[at++] = HEX_BYTES[byte * 2] as number;
    target[at++] = HEX_BYTES[byte * 2 + 1] as number;
  }
  return at;
}

/** A big-endian 64-bit integer (int8, xid8) at `offset`, as a number; throws past 2^53. */
export function readInt64(bytes: Buffer, offset: number): number {
  const high = bytes.readInt32BE(offset);
  const low = bytes.readUInt32BE(offset + 4);
  const value = high * 0x1_0000_0000 + low;
  if (!Number.isSafeInteger(value)) throw new CopyFormatError(`a 64-bit value past 2^53 at offset ${offset}`);
  return value;
}
