import { DEFAULT_MAX_FRAME_SIZE, FRAME_HEADER_LENGTH, PREFACE } from './frame.ts';

/** Where a `FrameReader` hands what it reads. */
export interface FrameSink {
  /** A complete frame: its 9-byte header at `buf[at]`, then `length` bytes of payload. */
  frame(buf: Buffer, at: number, length: number): void;
  /** A frame header announced more than SETTINGS_MAX_FRAME_SIZE (a FRAME_SIZE_ERROR). */
  frameTooLarge(): void;
  /** The client's first bytes were not the HTTP/2 connection preface. */
  badPreface(): void;
  /** The sink wants no more frames (the connection failed). */
  readonly stopped: boolean;
}

/** The 24-bit length of the frame whose header is at `buf[at]`. */
export function frameLength(buf: Buffer, at: number): number {
  return ((buf[at] as number) << 16) | ((buf[at + 1] as number) << 8) | (buf[at + 2] as number);
}

/**
 * Cuts a connection's incoming bytes into frames (RFC 9113 §4.1), after the 24-byte client
 * preface (§3.4). Frames are handed over in place, as slices of the socket's own chunks (payloads
 * are never overwritten: DATA may be passed on by reference). A frame split over reads is collected
 * into a buffer of its own size — each byte copied once, however thinly the client slices its
 * input — and a header announcing more than our SETTINGS_MAX_FRAME_SIZE is refused before any of
 * its payload is awaited.
 */
export class FrameReader {
  readonly #sink: FrameSink;
  #prefaceLeft = PREFACE.length;
  /** A frame split over reads: its bytes so far, and how many it has in all (its header's 9 until known). */
  #pending: Buffer | null = null;
  #pendingLength = 0;
  #pendingNeed = 0;

  constructor(sink: FrameSink) {
    this.#sink = sink;
  }

  push(chunk: Buffer): void {
    const sink = this.#sink;
    const end = chunk.length;
    let at = 0;
    if (this.#prefaceLeft > 0) {
      const n = Math.min(this.#prefaceLeft, end);
      const from = PREFACE.length - this.#prefaceLeft;
      if (PREFACE.compare(chunk, 0, n, from, from + n) !== 0) {
        sink.badPreface();
        return;
      }
      this.#prefaceLeft -= n;
      at = n;
    }
    if (this.#pending !== null) at = this.#fillPending(chunk, at);
    while (at >= 0 && end - at >= FRAME_HEADER_LENGTH && !sink.stopped) {
      const length = frameLength(chunk, at);
      if (length > DEFAULT_MAX_FRAME_SIZE) {
        sink.frameTooLarge();
        return;
      }
      if (end - at - FRAME_HEADER_LENGTH < length) break;
      sink.frame(chunk, at, length);
      at += FRAME_HEADER_LENGTH + length;
    }
    if (at >= 0 && at < end && !sink.stopped) {
      const rest = end - at;
      const length = rest >= FRAME_HEADER_LENGTH ? frameLength(chunk, at) : -1;
      if (length > DEFAULT_MAX_FRAME_SIZE) {
        sink.frameTooLarge();
        return;
      }
      this.#pendingNeed = length < 0 ? FRAME_HEADER_LENGTH : FRAME_HEADER_LENGTH + length;
      this.#pending = Buffer.allocUnsafe(this.#pendingNeed);
      chunk.copy(this.#pending, 0, at, end);
      this.#pendingLength = rest;
    }
  }

  /**
   * Continues the frame split over reads with `chunk` from `at`; returns where the chunk's own
   * frames start, or -1 when the chunk was used up (or the sink stopped).
   */
  #fillPending(chunk: Buffer, at: number): number {
    const sink = this.#sink;
    for (;;) {
      const pending = this.#pending as Buffer;
      const n = Math.min(this.#pendingNeed - this.#pendingLength, chunk.length - at);
      chunk.copy(pending, this.#pendingLength, at, at + n);
      this.#pendingLength += n;
      at += n;
      if (this.#pendingLength < this.#pendingNeed) return -1;
      const length = frameLength(pending, 0);
      if (length > DEFAULT_MAX_FRAME_SIZE) {
        this.#pending = null;
        sink.frameTooLarge();
        return -1;
      }
      if (this.#pendingNeed === FRAME_HEADER_LENGTH && length > 0) {
        // The header is complete: now the payload's size is known.
        const whole = Buffer.allocUnsafe(FRAME_HEADER_LENGTH + length);
        pending.copy(whole, 0, 0, FRAME_HEADER_LENGTH);
        this.#pending = whole;
        this.#pendingNeed = whole.length;
        continue;
      }
      this.#pending = null;
      sink.frame(pending, 0, length);
      return sink.stopped ? -1 : at;
    }
  }
}
