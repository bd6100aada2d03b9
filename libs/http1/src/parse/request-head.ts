import { CR, equalsLower, LF, SP, TARGET, TOKEN } from './chars.ts';
import { HeadError, type HeadErrorCode } from './errors.ts';
import { ConnectionFlag, type HeadLimits, MessageHead } from './fields.ts';
import { isValidHostHeader } from './host.ts';

/**
 * Methods this engine forwards: llhttp's list (so nothing it would refuse gets through), minus
 * CONNECT (refused with 405) and the HTTP/2 preface's PRI. Interned, so a method is compared by
 * identity and costs no string per request.
 */
const METHODS = new Map<string, string>(
  [
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'OPTIONS',
    'PATCH',
    'TRACE',
    'COPY',
    'LOCK',
    'MKCOL',
    'MOVE',
    'PROPFIND',
    'PROPPATCH',
    'SEARCH',
    'UNLOCK',
    'BIND',
    'REBIND',
    'UNBIND',
    'ACL',
    'REPORT',
    'MKACTIVITY',
    'CHECKOUT',
    'MERGE',
    'M-SEARCH',
    'NOTIFY',
    'SUBSCRIBE',
    'UNSUBSCRIBE',
    'PURGE',
    'MKCALENDAR',
    'LINK',
    'UNLINK',
    'SOURCE',
    'QUERY',
  ].map((m) => [m, m]),
);

const MAX_METHOD_LENGTH = 16;

/**
 * A request head (RFC 9112 §3), parsed once and strictly: `method SP target SP HTTP/1.x CRLF`,
 * then field lines (see MessageHead). The target is origin-form (`/path?query`) or absolute-form
 * (`http://authority/path`, whose authority then decides the route and becomes the Host sent
 * upstream). One per client connection, reused for every request on it.
 */
export class RequestHead extends MessageHead {
  method = '';
  /** The target as received, `[targetStart, targetEnd)` in `buf`. */
  targetStart = 0;
  targetEnd = 0;
  /** Where the origin-form path starts inside the target (after an absolute-form authority). */
  pathStart = 0;
  /** The absolute-form authority, or null for origin-form. */
  authority: string | null = null;
  #host: string | null = null;
  #path: string | null = null;

  constructor(limits: HeadLimits) {
    super(limits, true);
  }

  override reset(buf: Buffer, start: number): void {
    super.reset(buf, start);
    this.method = '';
    this.targetStart = 0;
    this.targetEnd = 0;
    this.pathStart = 0;
    this.authority = null;
    this.#host = null;
    this.#path = null;
  }

  override rebase(buf: Buffer, start: number): void {
    const delta = start - this.start;
    super.rebase(buf, start);
    this.targetStart += delta;
    this.targetEnd += delta;
    this.pathStart += delta;
  }

  /**
   * Parses what `buf[start, limit)` holds. Returns the head's end offset once it is complete,
   * 0 when more bytes are needed (call again with the same head and a longer `limit`), or -1 with
   * `error` set.
   */
  parse(limit: number): number {
    if (this.method === '') {
      const lineEnd = this.#requestLine(limit);
      if (lineEnd <= 0) return lineEnd;
      this.pos = lineEnd;
    }
    return this.parseFields(limit);
  }

  /** The host that decides the route: the absolute-form authority, else the Host field. */
  get host(): string {
    if (this.#host === null) {
      this.#host = this.authority ?? (this.hostField >= 0 ? this.value(this.hostField) : '');
    }
    return this.#host;
  }

  /** The origin-form target (`/path?query`) sent upstream and used for static files. */
  get path(): string {
    if (this.#path === null) {
      this.#path =
        this.pathStart === this.targetEnd
          ? '/'
          : this.buf[this.pathStart] === 0x3f /* ? */
            ? `/${this.buf.toString('latin1', this.pathStart, this.targetEnd)}`
            : this.buf.toString('latin1', this.pathStart, this.targetEnd);
    }
    return this.#path;
  }

  /** Keep the connection open after this exchange, as far as the client is concerned. */
  get keepAlive(): boolean {
    if ((this.connection & ConnectionFlag.close) !== 0) return false;
    return this.minorVersion === 1 || (this.connection & ConnectionFlag.keepAlive) !== 0;
  }

  /** An `Upgrade:` request (WebSocket): HTTP/1.1 with Upgrade listed in Connection. */
  get isUpgrade(): boolean {
    return this.minorVersion === 1 && (this.connection & ConnectionFlag.upgrade) !== 0 && this.find('upgrade') >= 0;
  }

  /** RFC 9112 §6.3: a body iff chunked or a non-zero Content-Length. */
  get hasBody(): boolean {
    return this.chunked || this.contentLength > 0;
  }

  protected override complete(): HeadErrorCode {
    const error = super.complete();
    if (error !== HeadError.none) return error;
    // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means faulty framing (nginx: 400).
    if (this.transferEncoding && this.minorVersion === 0) return HeadError.badTransferEncoding;
    if (this.authority !== null) {
      if (!isValidHostHeader(this.authority)) return HeadError.badHost;
      if (this.hostField < 0 && this.minorVersion === 1) return HeadError.missingHost;
      return HeadError.none;
    }
    if (this.hostField < 0) return HeadError.missingHost;
    return isValidHostHeader(this.host) ? HeadError.none : HeadError.badHost;
  }

  /**
   * Returns the offset after the request line's CRLF, 0 for more bytes, -1 on error. Empty lines
   * (CRLF) before it are skipped, as RFC 9112 §2.2 asks of a server (a client may send one after a
   * body); `start` stays where they began, so the head's size counts them.
   */
  #requestLine(limit: number): number {
    const buf = this.buf;
    let start = this.start;
    while (start < limit && buf[start] === CR) {
      if (start + 1 >= limit) return this.#more(limit);
      if (buf[start + 1] !== LF) return this.fail(HeadError.badLineEnding);
      start += 2;
    }
    let p = start;
    while (p < limit && TOKEN[buf[p] as number] === 1) p++;
    if (p >= limit) return this.#more(limit);
    if (buf[p] !== SP || p === start) return this.fail(HeadError.badRequestLine);
    if (p - start > MAX_METHOD_LENGTH) return this.fail(HeadError.unknownMethod);
    const method = METHODS.get(buf.toString('latin1', start, p));
    const isConnect = method === undefined && p - start === 7 && equalsLower(buf, start, p, 'connect');

    const targetStart = ++p;
    while (p < limit && TARGET[buf[p] as number] === 1) p++;
    if (p >= limit) return this.#more(limit);
    if (buf[p] !== SP || p === targetStart) return this.fail(HeadError.badRequestLine);
    const targetEnd = p++;

    if (p + 10 > limit) return this.#more(limit);
    const versionError = this.#version(p);
    if (versionError !== HeadError.none) return this.fail(versionError);
    if (buf[p + 8] !== CR || buf[p + 9] !== LF) return this.fail(HeadError.badLineEnding);

    if (isConnect) return this.fail(HeadError.connect);
    if (method === undefined) return this.fail(HeadError.unknownMethod);
    this.method = method;
    this.targetStart = targetStart;
    this.targetEnd = targetEnd;
    const targetError = this.#target(targetStart, targetEnd);
    if (targetError !== HeadError.none) {
      this.method = '';
      return this.fail(targetError);
    }
    return p + 10;
  }

  #version(p: number): HeadErrorCode {
    const buf = this.buf;
    if (
      buf[p] !== 0x48 ||
      buf[p + 1] !== 0x54 ||
      buf[p + 2] !== 0x54 ||
      buf[p + 3] !== 0x50 ||
      buf[p + 4] !== 0x2f ||
      buf[p + 6] !== 0x2e
    ) {
      return HeadError.badVersion; // not "HTTP/x.y"
    }
    const major = (buf[p + 5] as number) - 0x30;
    const minor = (buf[p + 7] as number) - 0x30;
    if (major < 0 || major > 9 || minor < 0 || minor > 9) return HeadError.badVersion;
    if (major !== 1 || minor > 1) return HeadError.unsupportedVersion;
    this.minorVersion = minor;
    return HeadError.none;
  }

  /** Origin-form, or absolute-form `http(s)://authority[/path][?query]` without userinfo. */
  #target(start: number, end: number): HeadErrorCode {
    const buf = this.buf;
    const first = buf[start] as number;
    if (first === 0x2f /* / */) {
      this.pathStart = start;
      return HeadError.none;
    }
    if (first === 0x2a /* * */ && end === start + 1) return HeadError.asteriskForm;
    let a: number;
    if (end - start > 7 && equalsLower(buf, start, start + 7, 'http://')) a = start + 7;
    else if (end - start > 8 && equalsLower(buf, start, start + 8, 'https://')) a = start + 8;
    else return HeadError.badTarget;
    let b = a;
    while (b < end) {
      const c = buf[b] as number;
      if (c === 0x2f || c === 0x3f) break;
      if (c === 0x40 /* @ */ || c === 0x23 /* # */) return HeadError.badTarget;
      b++;
    }
    if (b === a) return HeadError.badTarget;
    for (let i = b; i < end; i++) if (buf[i] === 0x23) return HeadError.badTarget;
    this.authority = buf.toString('latin1', a, b);
    this.pathStart = b;
    return HeadError.none;
  }

  #more(limit: number): number {
    return limit - this.start >= this.limits.maxHeadBytes ? this.fail(HeadError.headTooLarge) : 0;
  }
}
