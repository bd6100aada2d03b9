import { CR, LF, REASON, SP } from './chars.ts';
import { HeadError, type HeadErrorCode } from './errors.ts';
import { ConnectionFlag, type HeadLimits, MessageHead } from './fields.ts';

/** How the body of a response is delimited (RFC 9112 §6.3). */
export const BodyFraming = {
  none: 0,
  length: 1,
  chunked: 2,
  /** Read until the upstream closes the connection. */
  close: 3,
} as const;

export type BodyFramingCode = (typeof BodyFraming)[keyof typeof BodyFraming];

/**
 * An upstream's response head: `HTTP/1.x SP 3DIGIT [SP reason] CRLF` and field lines, parsed for
 * framing and hop-by-hop fields only. Ambiguous framing (Content-Length with Transfer-Encoding,
 * two Content-Lengths, a coding other than chunked) is an error: the engine answers 502 and
 * closes that upstream connection rather than guess.
 */
export class ResponseHead extends MessageHead {
  status = 0;
  /** Offset just past the status line's CRLF. */
  statusLineEnd = 0;

  constructor(limits: HeadLimits) {
    super(limits, false);
  }

  override reset(buf: Buffer, start: number): void {
    super.reset(buf, start);
    this.status = 0;
    this.statusLineEnd = 0;
  }

  override rebase(buf: Buffer, start: number): void {
    const delta = start - this.start;
    super.rebase(buf, start);
    if (this.statusLineEnd !== 0) this.statusLineEnd += delta;
  }

  /** Same contract as RequestHead.parse. */
  parse(limit: number): number {
    if (this.status === 0) {
      const lineEnd = this.#statusLine(limit);
      if (lineEnd <= 0) return lineEnd;
      this.statusLineEnd = lineEnd;
      this.pos = lineEnd;
    }
    return this.parseFields(limit);
  }

  /** The body's framing, for a response to a request with `method`. */
  framing(isHead: boolean): BodyFramingCode {
    const s = this.status;
    if (isHead || s < 200 || s === 204 || s === 304) return BodyFraming.none;
    if (this.chunked) return BodyFraming.chunked;
    if (this.contentLength >= 0) return this.contentLength === 0 ? BodyFraming.none : BodyFraming.length;
    return BodyFraming.close;
  }

  /** May the upstream connection carry another request after this response? */
  get reusable(): boolean {
    if ((this.connection & ConnectionFlag.close) !== 0) return false;
    return this.minorVersion === 1 || (this.connection & ConnectionFlag.keepAlive) !== 0;
  }

  protected override complete(): HeadErrorCode {
    const error = super.complete();
    if (error !== HeadError.none) return error;
    // 1xx and 204 carry no framing fields; a Transfer-Encoding on them is not to be trusted.
    if (this.status < 200) {
      if (this.transferEncoding || this.contentLength > 0) return HeadError.badInterimResponse;
      // An interim response that closes the connection leaves no room for the final one.
      if ((this.connection & ConnectionFlag.close) !== 0) return HeadError.badInterimResponse;
    } else if (this.status === 204 && (this.transferEncoding || this.contentLength > 0)) {
      return HeadError.badTransferEncoding;
    }
    return HeadError.none;
  }

  #statusLine(limit: number): number {
    const buf = this.buf;
    const p = this.start;
    if (p + 12 > limit) return this.#more(limit);
    if (
      buf[p] !== 0x48 ||
      buf[p + 1] !== 0x54 ||
      buf[p + 2] !== 0x54 ||
      buf[p + 3] !== 0x50 ||
      buf[p + 4] !== 0x2f ||
      buf[p + 5] !== 0x31 ||
      buf[p + 6] !== 0x2e ||
      (buf[p + 7] !== 0x30 && buf[p + 7] !== 0x31) ||
      buf[p + 8] !== SP
    ) {
      return this.fail(HeadError.badStatusLine);
    }
    let status = 0;
    for (let i = p + 9; i < p + 12; i++) {
      const d = (buf[i] as number) - 0x30;
      if (d < 0 || d > 9) return this.fail(HeadError.badStatusLine);
      status = status * 10 + d;
    }
    if (status < 100) return this.fail(HeadError.badStatusLine);
    // HTTP/1.0 has no interim responses: llhttp takes one as the last message on the connection.
    if (status < 200 && buf[p + 7] === 0x30) return this.fail(HeadError.badInterimResponse);
    let q = p + 12;
    if (q >= limit) return this.#more(limit);
    if (buf[q] === SP) {
      q++;
      while (q < limit && REASON[buf[q] as number] === 1) q++;
    }
    if (q + 1 >= limit) return this.#more(limit);
    if (buf[q] !== CR) return this.fail(buf[q] === LF ? HeadError.badLineEnding : HeadError.badStatusLine);
    if (buf[q + 1] !== LF) return this.fail(HeadError.badLineEnding);
    this.minorVersion = (buf[p + 7] as number) - 0x30;
    this.status = status;
    return q + 2;
  }

  #more(limit: number): number {
    return limit - this.start >= this.limits.maxHeadBytes ? this.fail(HeadError.headTooLarge) : 0;
  }
}
