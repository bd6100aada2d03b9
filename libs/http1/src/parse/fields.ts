import { COLON, CR, equalsLower, FIELD_VALUE, HTAB, LF, lower, SP, startsWithLower, TOKEN } from './chars.ts';
import { HeadError, type HeadErrorCode } from './errors.ts';

/**
 * What the engine does with a field when it forwards the message. Decided once, while parsing,
 * from the name alone (and from the `Connection` list, see `MessageHead.#dropNamedInConnection`).
 */
export const FieldKind = {
  /** End to end: forwarded unchanged. */
  other: 0,
  /** Describes one connection (RFC 9110 §7.6.1): never forwarded. */
  hopByHop: 1,
  contentLength: 2,
  host: 3,
  /** X-Forwarded-*, Forwarded, X-Request-Id, traceparent, tracestate: kept only from a trusted hop. */
  forwarded: 4,
  /** X-Switchyard-*: the platform's own; never taken from a client. */
  internal: 5,
  /**
   * A request field whose name has an underscore: dropped, as nginx does by default — CGI-style
   * upstreams read `Content_Length` as Content-Length, which would reopen request smuggling.
   */
  underscored: 6,
} as const;

export type FieldKindCode = (typeof FieldKind)[keyof typeof FieldKind];

/** Slots per field in `MessageHead.fields`. */
const STRIDE = 5;
/** Field slots a head starts with; typical requests have 5–20 fields. */
const INITIAL_FIELDS = 32;
const NAME_START = 0;
const NAME_END = 1;
const VALUE_START = 2;
const VALUE_END = 3;
const KIND = 4;

/** Flags from the `Connection` field(s). */
export const ConnectionFlag = {
  close: 1,
  keepAlive: 2,
  upgrade: 4,
  /** Names other fields (which are then hop-by-hop too). */
  namesFields: 8,
} as const;

export interface HeadLimits {
  /** Largest head in bytes (start line, fields, final CRLF). */
  readonly maxHeadBytes: number;
  /** Most field lines. */
  readonly maxFields: number;
}

/**
 * The part of a request or response head that both share: field lines, parsed strictly and
 * recorded as byte offsets into `buf` (no string per field), plus the framing and connection
 * facts the engine acts on. One instance per connection, reset per message.
 */
export class MessageHead {
  /** The bytes the head was parsed from; offsets below index into it. */
  buf: Buffer = EMPTY;
  /** Offset of the head's first byte in `buf`. */
  start = 0;
  /** Offset just past the final CRLF, once complete. */
  end = 0;
  /** Where parsing resumes: the start of the first line not yet parsed. */
  pos = 0;
  error: HeadErrorCode = HeadError.none;
  /** STRIDE words per field; starts small and grows up to `limits.maxFields` (idle connections stay cheap). */
  fields: Int32Array;
  fieldCount = 0;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minorVersion = 1;
  /** -1: no Content-Length field. */
  contentLength = -1;
  chunked = false;
  /** Set when any Transfer-Encoding field was seen (even one that was refused). */
  transferEncoding = false;
  connection = 0;
  /** Index of the Host field, -1 when none. */
  hostField = -1;
  /** A request with `Expect: 100-continue`. */
  expectContinue = false;
  readonly limits: HeadLimits;
  /** Requests only: Host must appear once. */
  readonly #isRequest: boolean;
  /** Lower-cased names listed in Connection besides close/keep-alive/upgrade; rarely used. */
  #connectionNames: string[] | null = null;

  constructor(limits: HeadLimits, isRequest: boolean) {
    this.limits = limits;
    this.#isRequest = isRequest;
    this.fields = new Int32Array(Math.min(limits.maxFields, INITIAL_FIELDS) * STRIDE);
  }

  /** Forgets the previous message; the next parse starts at `start` of `buf`. */
  reset(buf: Buffer, start: number): void {
    this.buf = buf;
    this.start = start;
    this.pos = start;
    this.end = 0;
    this.error = HeadError.none;
    this.fieldCount = 0;
    this.minorVersion = 1;
    this.contentLength = -1;
    this.chunked = false;
    this.transferEncoding = false;
    this.connection = 0;
    this.hostField = -1;
    this.expectContinue = false;
    this.#connectionNames = null;
  }

  /**
   * The same head bytes, moved: `buf` now holds them from `start` (the connection copied a partial
   * head into a bigger buffer). Offsets parsed so far are shifted.
   */
  rebase(buf: Buffer, start: number): void {
    const delta = start - this.start;
    this.buf = buf;
    this.start = start;
    this.pos += delta;
    if (delta !== 0) {
      const f = this.fields;
      for (let i = 0; i < this.fieldCount * STRIDE; i += STRIDE) {
        f[i + NAME_START] = (f[i + NAME_START] as number) + delta;
        f[i + NAME_END] = (f[i + NAME_END] as number) + delta;
        f[i + VALUE_START] = (f[i + VALUE_START] as number) + delta;
        f[i + VALUE_END] = (f[i + VALUE_END] as number) + delta;
      }
    }
  }

  nameStart(i: number): number {
    return this.fields[i * STRIDE + NAME_START] as number;
  }
  nameEnd(i: number): number {
    return this.fields[i * STRIDE + NAME_END] as number;
  }
  valueStart(i: number): number {
    return this.fields[i * STRIDE + VALUE_START] as number;
  }
  valueEnd(i: number): number {
    return this.fields[i * STRIDE + VALUE_END] as number;
  }
  kind(i: number): FieldKindCode {
    return this.fields[i * STRIDE + KIND] as FieldKindCode;
  }

  /** Offset of field line `i`'s first byte (its name). */
  lineStart(i: number): number {
    return this.nameStart(i);
  }

  /** Offset just past field line `i`'s CRLF. */
  lineEnd(i: number): number {
    return i + 1 < this.fieldCount ? this.nameStart(i + 1) : this.end - 2;
  }

  name(i: number): string {
    return this.buf.toString('latin1', this.nameStart(i), this.nameEnd(i));
  }

  value(i: number): string {
    return this.buf.toString('latin1', this.valueStart(i), this.valueEnd(i));
  }

  /** Is field `i` called `lowerName` (lower-case)? */
  nameIs(i: number, lowerName: string): boolean {
    return equalsLower(this.buf, this.nameStart(i), this.nameEnd(i), lowerName);
  }

  /** Index of the first field called `lowerName` (lower-case), or -1. */
  find(lowerName: string, from = 0): number {
    for (let i = from; i < this.fieldCount; i++) {
      if (this.nameIs(i, lowerName)) return i;
    }
    return -1;
  }

  /**
   * Copies the field lines for which `keep(i)` holds into `out` at `at`, runs of consecutive kept
   * lines in one copy each. Returns the offset after the last byte written.
   */
  copyLines(out: Buffer, at: number, keep: (i: number) => boolean): number {
    const src = this.buf;
    let n = at;
    let runStart = -1;
    for (let i = 0; i < this.fieldCount; i++) {
      if (keep(i)) {
        if (runStart < 0) runStart = this.lineStart(i);
        continue;
      }
      if (runStart >= 0) {
        n += src.copy(out, n, runStart, this.lineStart(i));
        runStart = -1;
      }
    }
    if (runStart >= 0) n += src.copy(out, n, runStart, this.end - 2);
    return n;
  }

  /** The value of the first field called `lowerName` (lower-case); several are joined with ", ". */
  get(lowerName: string): string | undefined {
    let i = this.find(lowerName);
    if (i < 0) return undefined;
    let value = this.value(i);
    for (i = this.find(lowerName, i + 1); i >= 0; i = this.find(lowerName, i + 1)) value += `, ${this.value(i)}`;
    return value;
  }

  /**
   * Parses field lines from `pos` while whole lines are available in `buf` up to `limit`.
   * Returns the head's end offset when the empty line was reached, 0 when more bytes are needed,
   * -1 on error (`error` set).
   */
  protected parseFields(limit: number): number {
    const buf = this.buf;
    let p = this.pos;
    for (;;) {
      if (p >= limit) return this.#needMore(p, limit);
      const first = buf[p] as number;
      if (first === CR) {
        if (p + 1 >= limit) return this.#needMore(p, limit);
        if (buf[p + 1] !== LF) return this.fail(HeadError.badLineEnding);
        this.end = p + 2;
        this.pos = this.end;
        if (this.end - this.start > this.limits.maxHeadBytes) return this.fail(HeadError.headTooLarge);
        return this.#finish();
      }
      if (first === SP || first === HTAB) return this.fail(HeadError.obsFold);
      if (first === LF) return this.fail(HeadError.badLineEnding);

      let q = p;
      while (q < limit && TOKEN[buf[q] as number] === 1) q++;
      if (q >= limit) return this.#needMore(p, limit);
      if (buf[q] !== COLON || q === p) return this.fail(HeadError.badFieldName);
      const nameEnd = q;
      q++;
      while (q < limit && (buf[q] === SP || buf[q] === HTAB)) q++;
      const valueStart = q;
      while (q < limit && FIELD_VALUE[buf[q] as number] === 1) q++;
      if (q + 1 >= limit) return this.#needMore(p, limit);
      if (buf[q] !== CR) return this.fail(buf[q] === LF ? HeadError.badLineEnding : HeadError.badFieldValue);
      if (buf[q + 1] !== LF) return this.fail(HeadError.badLineEnding);
      let valueEnd = q;
      while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HTAB)) valueEnd--;

      if (this.fieldCount >= this.limits.maxFields) return this.fail(HeadError.tooManyFields);
      const error = this.#addField(p, nameEnd, valueStart, valueEnd, q);
      if (error !== HeadError.none) return this.fail(error);
      p = q + 2;
      this.pos = p;
    }
  }

  /** Refuses the head: records `error` and returns -1. */
  protected fail(error: HeadErrorCode): number {
    this.error = error;
    return -1;
  }

  /** After the last field: checks that need the whole head. Subclasses add theirs. */
  protected complete(): HeadErrorCode {
    if (this.chunked && this.contentLength >= 0) return HeadError.contentLengthWithChunked;
    return HeadError.none;
  }

  #needMore(lineStart: number, limit: number): number {
    this.pos = lineStart;
    return limit - this.start >= this.limits.maxHeadBytes ? this.fail(HeadError.headTooLarge) : 0;
  }

  #finish(): number {
    const error = this.complete();
    if (error !== HeadError.none) return this.fail(error);
    if (this.#connectionNames !== null) this.#dropNamedInConnection(this.#connectionNames);
    return this.end;
  }

  /** Doubles the field table (up to maxFields): a head with more fields than usual. */
  #growFields(): Int32Array {
    const grown = new Int32Array(Math.min(this.limits.maxFields, (this.fields.length / STRIDE) * 2) * STRIDE);
    grown.set(this.fields);
    this.fields = grown;
    return grown;
  }

  /** `lineEnd` is the offset of the line's CR: the value's trailing whitespace matters to framing. */
  #addField(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, lineEnd: number): HeadErrorCode {
    const buf = this.buf;
    let kind = classify(buf, nameStart, nameEnd);
    if (kind === FieldKind.other && this.#isRequest && hasUnderscore(buf, nameStart, nameEnd)) {
      kind = FieldKind.underscored;
    }
    const index = this.fieldCount++;
    const base = index * STRIDE;
    let f = this.fields;
    if (base + STRIDE > f.length) f = this.#growFields();
    f[base + NAME_START] = nameStart;
    f[base + NAME_END] = nameEnd;
    f[base + VALUE_START] = valueStart;
    f[base + VALUE_END] = valueEnd;
    f[base + KIND] = kind;
    switch (kind) {
      case FieldKind.contentLength:
        return this.#contentLength(valueStart, valueEnd);
      case FieldKind.host:
        if (!this.#isRequest) return HeadError.none;
        if (this.hostField >= 0) return HeadError.duplicateHost;
        this.hostField = index;
        return HeadError.none;
      case FieldKind.hopByHop:
        if (nameEnd - nameStart === 17 && equalsLower(buf, nameStart, nameEnd, 'transfer-encoding')) {
          return this.#transferEncoding(valueStart, valueEnd, lineEnd);
        }
        if (nameEnd - nameStart === 10 && equalsLower(buf, nameStart, nameEnd, 'connection')) {
          this.#connectionTokens(valueStart, valueEnd);
        } else if (nameEnd - nameStart === 6 && equalsLower(buf, valueStart, valueEnd, '100-continue')) {
          this.expectContinue = this.#isRequest;
        }
        return HeadError.none;
      default:
        return HeadError.none;
    }
  }

  #contentLength(start: number, end: number): HeadErrorCode {
    if (this.contentLength >= 0) return HeadError.duplicateContentLength;
    if (start === end || end - start > 15) return HeadError.badContentLength;
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = this.buf[i] as number;
      if (c < 0x30 || c > 0x39) return HeadError.badContentLength;
      n = n * 10 + (c - 0x30);
    }
    this.contentLength = n;
    return HeadError.none;
  }

  /**
   * Only `chunked`, once, is accepted: another coding is 501, chunked twice or not last is 400.
   * Nothing but SP may follow `chunked` on the line (as llhttp: `chunked,` or `chunked<HTAB>` is
   * "chunked, then something", so not chunked-last).
   */
  #transferEncoding(start: number, end: number, lineEnd: number): HeadErrorCode {
    const buf = this.buf;
    let i = start;
    let error: HeadErrorCode = HeadError.none;
    let codings = 0;
    for (;;) {
      while (i < end && (buf[i] === SP || buf[i] === HTAB || buf[i] === 0x2c)) i++;
      if (i >= end) break;
      codings++;
      let j = i;
      while (j < end && buf[j] !== 0x2c) j++;
      let k = j;
      while (k > i && (buf[k - 1] === SP || buf[k - 1] === HTAB)) k--;
      if (equalsLower(buf, i, k, 'chunked')) {
        if (this.chunked) error = HeadError.badTransferEncoding;
        this.chunked = true;
        for (let t = k; t < lineEnd; t++) if (buf[t] !== SP) error = HeadError.badTransferEncoding;
      } else if (this.chunked) {
        error = HeadError.badTransferEncoding; // a coding after chunked
      } else if (error === HeadError.none) {
        error = HeadError.unsupportedTransferCoding;
      }
      i = j;
    }
    // A field naming no coding (empty, or only commas) is refused, even after a `chunked` one (llhttp).
    if (codings === 0) error = HeadError.badTransferEncoding;
    this.transferEncoding = true;
    return error;
  }

  #connectionTokens(start: number, end: number): void {
    const buf = this.buf;
    let i = start;
    while (i < end) {
      while (i < end && (buf[i] === SP || buf[i] === HTAB || buf[i] === 0x2c)) i++;
      let j = i;
      while (j < end && buf[j] !== 0x2c) j++;
      let k = j;
      while (k > i && (buf[k - 1] === SP || buf[k - 1] === HTAB)) k--;
      if (k > i) {
        if (equalsLower(buf, i, k, 'close')) this.connection |= ConnectionFlag.close;
        else if (equalsLower(buf, i, k, 'keep-alive')) this.connection |= ConnectionFlag.keepAlive;
        else if (equalsLower(buf, i, k, 'upgrade')) this.connection |= ConnectionFlag.upgrade;
        else {
          this.connection |= ConnectionFlag.namesFields;
          this.#connectionNames ??= [];
          this.#connectionNames.push(buf.toString('latin1', i, k).toLowerCase());
        }
      }
      i = j;
    }
  }

  /** RFC 9110 §7.6.1: fields named in Connection are hop-by-hop too (Host and framing excepted). */
  #dropNamedInConnection(names: string[]): void {
    for (const name of names) {
      for (let i = 0; i < this.fieldCount; i++) {
        const k = this.kind(i);
        if (k === FieldKind.host || k === FieldKind.contentLength) continue;
        if (equalsLower(this.buf, this.nameStart(i), this.nameEnd(i), name)) {
          this.fields[i * STRIDE + KIND] = FieldKind.hopByHop;
        }
      }
    }
  }
}

const EMPTY = Buffer.alloc(0);

function hasUnderscore(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] === 0x5f) return true;
  return false;
}

/** The forwarding kind of a field name, from its length and bytes. */
function classify(buf: Buffer, s: number, e: number): FieldKindCode {
  switch (e - s) {
    case 2:
      return equalsLower(buf, s, e, 'te') ? FieldKind.hopByHop : FieldKind.other;
    case 4:
      return equalsLower(buf, s, e, 'host') ? FieldKind.host : FieldKind.other;
    case 6:
      // The engine fulfils Expect itself (100 Continue when the body is wanted): not forwarded.
      return equalsLower(buf, s, e, 'expect') ? FieldKind.hopByHop : FieldKind.other;
    case 7:
      return equalsLower(buf, s, e, 'upgrade') || equalsLower(buf, s, e, 'trailer')
        ? FieldKind.hopByHop
        : FieldKind.other;
    case 9:
      return equalsLower(buf, s, e, 'forwarded') ? FieldKind.forwarded : FieldKind.other;
    case 10:
      if (equalsLower(buf, s, e, 'connection') || equalsLower(buf, s, e, 'keep-alive')) return FieldKind.hopByHop;
      // W3C trace context: believed from trusted hops only, like X-Forwarded-*.
      return equalsLower(buf, s, e, 'tracestate') ? FieldKind.forwarded : FieldKind.other;
    case 11:
      return equalsLower(buf, s, e, 'traceparent') ? FieldKind.forwarded : FieldKind.other;
    case 12:
      if (equalsLower(buf, s, e, 'x-request-id')) return FieldKind.forwarded;
      break;
    case 14:
      if (equalsLower(buf, s, e, 'content-length')) return FieldKind.contentLength;
      if (equalsLower(buf, s, e, 'http2-settings')) return FieldKind.hopByHop;
      break;
    case 17:
      if (equalsLower(buf, s, e, 'transfer-encoding')) return FieldKind.hopByHop;
      break;
  }
  const c = lower(buf[s] as number);
  if (c === 0x70 /* p */ && startsWithLower(buf, s, e, 'proxy-')) return FieldKind.hopByHop;
  if (c === 0x78 /* x */) {
    if (startsWithLower(buf, s, e, 'x-forwarded-')) return FieldKind.forwarded;
    if (startsWithLower(buf, s, e, 'x-switchyard-')) return FieldKind.internal;
  }
  return FieldKind.other;
}
