import { COLON, CR, FIELD_VALUE, HTAB, LF, SP, TOKEN } from './chars.ts';

const State = {
  size: 0,
  /** After `;`: a chunk-ext-name must follow (llhttp refuses an empty one). */
  extNameStart: 1,
  extName: 2,
  extValueStart: 3,
  extToken: 4,
  extQuoted: 5,
  extQuotedEscape: 6,
  afterQuoted: 7,
  sizeLf: 8,
  data: 9,
  dataCr: 10,
  dataLf: 11,
  trailerLineStart: 12,
  trailerName: 13,
  trailerValue: 14,
  trailerLf: 15,
  finalLf: 16,
  done: 17,
  error: 18,
} as const;

type StateCode = (typeof State)[keyof typeof State];

/** Receives the data bytes of each chunk, when the body is de-chunked (e.g. for an HTTP/1.0 peer). */
export interface ChunkSink {
  chunkData(buf: Buffer, start: number, end: number): void;
}

/**
 * Largest chunk size accepted: 2^48 - 1 (12 significant hex digits); more is an overflow attack,
 * not a body. A size above this before its next digit is refused.
 */
const MAX_SIZE_BEFORE_DIGIT = 2 ** 44 - 1;
/** Longest chunk-size line (extensions included) and trailer section. */
const MAX_LINE_BYTES = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;

/**
 * An incremental validator for chunked framing (RFC 9112 §7.1) while the bytes pass through
 * unchanged: hex sizes (no sign, no whitespace, no overflow), strict extensions, CRLF after each
 * chunk, trailer field lines, and the final CRLF. Feed it any slices; it says where the message
 * ends. One per connection direction, reset per message.
 */
export class ChunkedDecoder {
  #state: StateCode = State.size;
  #remaining = 0;
  #digits = 0;
  #lineBytes = 0;
  #trailerBytes = 0;
  #sink: ChunkSink | null = null;

  reset(sink: ChunkSink | null = null): void {
    this.#state = State.size;
    this.#remaining = 0;
    this.#digits = 0;
    this.#lineBytes = 0;
    this.#trailerBytes = 0;
    this.#sink = sink;
  }

  get done(): boolean {
    return this.#state === State.done;
  }

  get failed(): boolean {
    return this.#state === State.error;
  }

  /**
   * Consumes `buf[start, end)`. Returns the offset just past the message's last byte once it is
   * complete (bytes after it belong to the next message), `end` when more is needed, or -1 when
   * the framing is invalid.
   */
  feed(buf: Buffer, start: number, end: number): number {
    let p = start;
    let state = this.#state;
    while (p < end) {
      if (state === State.data) {
        const n = Math.min(this.#remaining, end - p);
        this.#sink?.chunkData(buf, p, p + n);
        p += n;
        this.#remaining -= n;
        if (this.#remaining === 0) state = State.dataCr;
        continue;
      }
      const c = buf[p++] as number;
      switch (state) {
        case State.size: {
          const d = hexValue(c);
          if (d >= 0) {
            // Bounded by value, not by digits: `000…01` is 1, as llhttp reads it (the line limit
            // bounds the zeros).
            if (this.#remaining > MAX_SIZE_BEFORE_DIGIT) return this.#fail();
            this.#digits++;
            this.#remaining = this.#remaining * 16 + d;
          } else if (this.#digits === 0) {
            return this.#fail();
          } else if (c === 0x3b /* ; */) {
            state = State.extNameStart;
          } else if (c === CR) {
            state = State.sizeLf;
          } else {
            return this.#fail();
          }
          break;
        }
        case State.extNameStart:
          if (TOKEN[c] !== 1) return this.#fail();
          state = State.extName;
          break;
        case State.extName:
          if (TOKEN[c] === 1) break;
          if (c === 0x3d /* = */) state = State.extValueStart;
          else if (c === 0x3b) state = State.extNameStart;
          else if (c === CR) state = State.sizeLf;
          else return this.#fail();
          break;
        case State.extValueStart:
          if (c === 0x22 /* " */) state = State.extQuoted;
          else if (TOKEN[c] === 1) state = State.extToken;
          else return this.#fail();
          break;
        case State.extToken:
          if (TOKEN[c] === 1) break;
          if (c === 0x3b) state = State.extNameStart;
          else if (c === CR) state = State.sizeLf;
          else return this.#fail();
          break;
        case State.extQuoted:
          if (c === 0x22) state = State.afterQuoted;
          else if (c === 0x5c /* \ */) state = State.extQuotedEscape;
          else if (FIELD_VALUE[c] !== 1) return this.#fail();
          break;
        case State.extQuotedEscape:
          if (FIELD_VALUE[c] !== 1) return this.#fail();
          state = State.extQuoted;
          break;
        case State.afterQuoted:
          if (c === 0x3b) state = State.extNameStart;
          else if (c === CR) state = State.sizeLf;
          else return this.#fail();
          break;
        case State.sizeLf:
          if (c !== LF) return this.#fail();
          this.#digits = 0;
          this.#lineBytes = 0;
          state = this.#remaining === 0 ? State.trailerLineStart : State.data;
          continue;
        case State.dataCr:
          if (c !== CR) return this.#fail();
          state = State.dataLf;
          continue;
        case State.dataLf:
          if (c !== LF) return this.#fail();
          state = State.size;
          continue;
        case State.trailerLineStart:
          if (c === CR) {
            state = State.finalLf;
            continue;
          }
          if (TOKEN[c] !== 1) return this.#fail();
          state = State.trailerName;
          break;
        case State.trailerName:
          if (c === COLON) state = State.trailerValue;
          else if (TOKEN[c] !== 1) return this.#fail();
          break;
        case State.trailerValue:
          if (c === CR) state = State.trailerLf;
          else if (FIELD_VALUE[c] !== 1 && c !== SP && c !== HTAB) return this.#fail();
          break;
        case State.trailerLf:
          if (c !== LF) return this.#fail();
          state = State.trailerLineStart;
          continue;
        case State.finalLf:
          if (c !== LF) return this.#fail();
          this.#state = State.done;
          return p;
        default:
          return this.#fail();
      }
      // Bytes of a size line or of the trailer section: bounded.
      if (state <= State.sizeLf) {
        if (++this.#lineBytes > MAX_LINE_BYTES) return this.#fail();
      } else if (++this.#trailerBytes > MAX_TRAILER_BYTES) {
        return this.#fail();
      }
    }
    this.#state = state;
    return end;
  }

  #fail(): number {
    this.#state = State.error;
    return -1;
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
