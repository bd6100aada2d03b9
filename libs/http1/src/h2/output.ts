import { FRAME_HEADER_LENGTH } from './frame.ts';

const SLAB = 16 * 1024;
/** No slab: the next frame allocates one (an idle connection holds none). */
const NONE = Buffer.alloc(0);
/** Payloads up to this size are copied beside their frame header; larger ones are passed by reference. */
const COPY_LIMIT = 2048;

/**
 * A connection's outgoing bytes until the next flush: frames are written into a slab, and what was
 * written since the last flush goes to the socket as one buffer (a slice of the slab, never written
 * again: the slab moves on, as Node's own buffer pool does). Large DATA payloads are not copied:
 * they follow their frame header as buffers of their own, written together in one corked batch.
 */
export class H2Output {
  #slab = NONE;
  /** Start of the bytes not flushed yet, and the write position, in the slab. */
  #start = 0;
  #pos = 0;
  /** Earlier segments of this batch (slab slices and large payloads), when there are any. */
  #chunks: Buffer[] = [];
  #length = 0;

  /** Bytes waiting for the next flush. */
  get length(): number {
    return this.#length;
  }

  /** Room for `n` contiguous bytes; returns the slab to write into at `pos`. */
  reserve(n: number): Buffer {
    if (this.#slab.length - this.#pos < n) {
      if (this.#pos > this.#start) this.#chunks.push(this.#slab.subarray(this.#start, this.#pos));
      this.#slab = Buffer.allocUnsafe(Math.max(SLAB, n));
      this.#start = 0;
      this.#pos = 0;
    }
    return this.#slab;
  }

  get pos(): number {
    return this.#pos;
  }

  /** Marks `n` bytes written at `pos`. */
  advance(n: number): void {
    this.#pos += n;
    this.#length += n;
  }

  frameHeader(length: number, type: number, flags: number, streamId: number): void {
    const b = this.reserve(FRAME_HEADER_LENGTH);
    let p = this.#pos;
    b[p++] = length >>> 16;
    b[p++] = (length >>> 8) & 0xff;
    b[p++] = length & 0xff;
    b[p++] = type;
    b[p++] = flags;
    b.writeUInt32BE(streamId, p);
    this.advance(FRAME_HEADER_LENGTH);
  }

  /** A whole frame whose payload is `src[start, end)`. */
  frame(type: number, flags: number, streamId: number, src: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (length <= COPY_LIMIT) {
      this.reserve(FRAME_HEADER_LENGTH + length);
      this.frameHeader(length, type, flags, streamId);
      this.#slab.set(src.subarray(start, end), this.#pos);
      this.advance(length);
      return;
    }
    this.frameHeader(length, type, flags, streamId);
    this.#chunks.push(this.#slab.subarray(this.#start, this.#pos));
    this.#start = this.#pos;
    const payload = src instanceof Buffer ? src.subarray(start, end) : Buffer.from(src.subarray(start, end));
    this.#chunks.push(payload);
    this.#length += length;
  }

  /** A frame with a 4-byte payload (RST_STREAM, WINDOW_UPDATE). */
  frame32(type: number, flags: number, streamId: number, value: number): void {
    this.reserve(FRAME_HEADER_LENGTH + 4);
    this.frameHeader(4, type, flags, streamId);
    this.#slab.writeUInt32BE(value >>> 0, this.#pos);
    this.advance(4);
  }

  /** Lets the slab go (after a flush, when the connection has nothing under way). */
  release(): void {
    if (this.#length !== 0) return;
    this.#slab = NONE;
    this.#start = 0;
    this.#pos = 0;
  }

  /** Writes what is pending to `socket`; returns false when the socket buffers past its mark. */
  flush(socket: { write(b: Buffer): boolean; cork(): void; uncork(): void }): boolean {
    if (this.#length === 0) return true;
    const tail = this.#slab.subarray(this.#start, this.#pos);
    this.#start = this.#pos;
    this.#length = 0;
    if (this.#chunks.length === 0) return socket.write(tail);
    const chunks = this.#chunks;
    this.#chunks = [];
    if (tail.length > 0) chunks.push(tail);
    socket.cork();
    let ok = true;
    for (const chunk of chunks) ok = socket.write(chunk);
    socket.uncork();
    return ok;
  }
}
