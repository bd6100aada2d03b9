import type { TLSSocket } from 'node:tls';
import type { BodyConsumer, ExchangeObserver } from '../client-connection.ts';
import { httpDate } from '../clock.ts';
import type { ClientExchange } from '../exchange.ts';
import type { ForwardMetrics } from '../metrics.ts';
import { Outcome } from '../metrics.ts';
import { type Page, Pages } from '../pages.ts';
import type { HeadLimits } from '../parse/fields.ts';
import { RequestHead } from '../parse/request-head.ts';
import { BodyFraming, type ResponseHead } from '../parse/response-head.ts';
import { RequestEnd, type RequestEndCode, RequestFacts } from '../request-facts.ts';
import type { RequestIds } from '../request-id.ts';
import { newTraceId } from '../trace-context.ts';
import type { H2Connection } from './connection.ts';
import { ErrorCode } from './frame.ts';
import { HpackEncoder } from './hpack-encoder.ts';
import { encodeApplicationFields, encodeResponseHead } from './response-fields.ts';
import { H2Stream } from './stream.ts';

const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);
/** One encoder per thread: a block is copied into its connection's output as soon as it is made. */
const encoder = new HpackEncoder();

/** What a stream needs from its session. */
export interface H2StreamContext {
  readonly limits: HeadLimits;
  readonly metrics: ForwardMetrics;
  readonly requestIds: RequestIds;
  readonly requestTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly remoteAddress: string;
  readonly socket: TLSSocket;
  now(): number;
  /** A response to a dispatched request is complete. */
  completed(exchange: H2Exchange): void;
  /** The request is over (`exchange.facts.end` says how). */
  ended(exchange: H2Exchange): void;
}

/**
 * One HTTP/2 stream as a `ClientExchange`: its request as the equivalent HTTP/1.1 head (see
 * `parseH2Request`), its body framed for the upstream, and responses written as HEADERS/DATA
 * frames of the engine's own framing layer — the application's own, pages, and proxied upstream
 * responses (connection-specific fields removed, chunked bodies de-chunked by the Forwarder,
 * trailers dropped). HEADERS and the first DATA go out in the same socket write.
 */
export class H2Exchange extends H2Stream implements ClientExchange {
  readonly head: RequestHead;
  readonly remoteAddress: string;
  readonly socket: TLSSocket;
  readonly encrypted = true;
  readonly isUpgrade = false;
  readonly httpVersion = 20;
  readonly decodesChunked = true;
  tag = 0;
  hsts = '';
  startedAt = 0;
  status = 0;
  readonly facts = new RequestFacts();

  readonly #ctx: H2StreamContext;
  #dispatched = false;
  /** The request was handed over, or refused with a page: its end is reported once. */
  #reported = false;
  #headersSent = false;
  /** The response is complete (ended by us). */
  #done = false;
  /** The stream closed: the exchange is over. */
  #ended = false;
  /**
   * The stream closed normally as our END_STREAM went out, before the application said the response
   * was done (it does right after, in the same call): the close is finished in responseDone.
   */
  #closePending = false;
  #noBody = false;
  /** The application's response head (writeHead), until its first body bytes or its end. */
  #pendingStatus = 0;
  #pendingHeaders: readonly string[] | null = null;
  #observer: ExchangeObserver | null = null;
  #finished: (() => void)[] = [];
  #drain: (() => void) | null = null;

  #bodyDone: boolean;
  #consumer: BodyConsumer | null = null;
  #decoded = false;
  /** Request body bytes delivered, checked against the content-length. */
  #bodyBytes = 0;

  #requestDeadline = 0;
  #lastActivity = 0;
  /** A write returned false and no room came yet: the client is not reading. */
  #blocked = false;

  /** `fieldCount`: the request's fields, pseudo-fields included (sizes the head's field table). */
  constructor(ctx: H2StreamContext, connection: H2Connection, id: number, endStream: boolean, fieldCount: number) {
    super(connection, id, endStream);
    this.#ctx = ctx;
    // Sized to this request (plus Host and Transfer-Encoding), not to the limit: a few hundred bytes, not 5 KiB.
    const limits = ctx.limits;
    this.head = new RequestHead({
      maxHeadBytes: limits.maxHeadBytes,
      maxFields: Math.min(fieldCount, limits.maxFields) + 2,
    });
    this.remoteAddress = ctx.remoteAddress;
    this.socket = ctx.socket;
    this.#bodyDone = endStream;
    // The body waits (held, bounded by our window) until someone reads it.
    this.paused = !endStream;
    this.startedAt = ctx.now();
    this.#lastActivity = this.startedAt;
    this.#requestDeadline = this.startedAt + ctx.requestTimeoutMs;
  }

  // ---- the request ----

  get method(): string {
    return this.head.method;
  }
  get path(): string {
    return this.head.path;
  }
  get host(): string {
    return this.head.host;
  }
  get hasBody(): boolean {
    return this.head.hasBody;
  }
  header(lowerName: string): string | undefined {
    return this.head.get(lowerName);
  }

  /** Hands the request to the application. */
  dispatch(handler: (exchange: ClientExchange) => void): void {
    this.#dispatched = true;
    this.#reported = true;
    this.facts.bytesIn = this.head.end - this.head.start;
    handler(this);
  }

  /** Refuses the request before the application sees it: `page`, its own ids, reported as refused. */
  refuse(page: Page): void {
    const facts = this.facts;
    facts.bytesIn = this.head.end - this.head.start;
    facts.requestId = this.#ctx.requestIds.next();
    facts.traceId = newTraceId();
    this.#reported = true;
    this.sendPage(page, facts.requestId, true);
    this.#report(RequestEnd.refused);
  }

  #report(end: RequestEndCode): void {
    if (!this.#reported) return;
    this.#reported = false;
    this.facts.end = end;
    this.#ctx.ended(this);
  }

  // ---- the application's response ----

  get headersSent(): boolean {
    return this.#headersSent;
  }
  get closed(): boolean {
    return this.#ended || this.#done || this.streamClosed;
  }

  writeHead(status: number, headers: readonly string[], _reason?: string): void {
    if (this.#headersSent || this.closed) return;
    this.#startResponse(status);
    this.#noBody = this.head.method === 'HEAD' || status === 204 || status === 304;
    this.#pendingStatus = status;
    this.#pendingHeaders = headers;
  }

  write(chunk: Buffer): boolean {
    if (this.closed) return false;
    if (this.#noBody || chunk.length === 0) {
      this.#flushHead(this.#noBody);
      return true;
    }
    this.#flushHead(false);
    return this.writeRaw(chunk);
  }

  end(chunk?: Buffer): void {
    if (this.closed) {
      // A HEAD/204/304 head already ended the stream (write): the response is done now.
      if (this.#closePending) this.responseDone();
      return;
    }
    if (chunk === undefined || this.#noBody || chunk.length === 0) {
      this.#flushHead(true);
    } else {
      this.#flushHead(false);
      if (!this.localEnded) {
        this.facts.bytesOut += chunk.length;
        this.sendData(chunk, true);
      }
    }
    this.responseDone();
  }

  /** Sends the pending head; `end`: with END_STREAM (no body follows). */
  #flushHead(end: boolean): void {
    const headers = this.#pendingHeaders;
    if (headers === null) return;
    this.#pendingHeaders = null;
    encodeApplicationFields(encoder, this.#pendingStatus, headers, httpDate(), this.hsts);
    this.#sendBlock(end);
  }

  /** The encoder's block as HEADERS. */
  #sendBlock(end: boolean): void {
    this.facts.bytesOut += encoder.pos;
    this.sendHeaders(encoder.buf, encoder.pos, end);
  }

  sendPage(page: Page, requestId: string, _close = false): void {
    if (this.#headersSent || this.closed) return;
    this.#startResponse(page.status);
    encoder.reset();
    encoder.status(page.status);
    const headers = page.headers;
    for (let i = 0; i < headers.length; i += 2) {
      encoder.field((headers[i] as string).toLowerCase(), headers[i + 1] as string);
    }
    encoder.field('x-request-id', requestId);
    if (this.facts.traceId !== '') encoder.field('x-trace-id', this.facts.traceId);
    encoder.field('date', httpDate());
    const head = this.head.method === 'HEAD';
    this.#sendBlock(head || page.body.length === 0);
    if (!head && page.body.length > 0) {
      this.facts.bytesOut += page.body.length;
      this.sendData(page.body, true);
    }
    this.responseDone();
  }

  onDrain(callback: () => void): void {
    this.#drain = callback;
  }

  onFinished(callback: () => void): void {
    if (this.#ended) callback();
    else this.#finished.push(callback);
  }

  destroy(): void {
    this.reset(ErrorCode.internalError);
  }

  // ---- the request body ----

  get requestBodyDone(): boolean {
    return this.#bodyDone;
  }

  readBody(consumer: BodyConsumer, decoded = false): void {
    this.#consumer = consumer;
    this.#decoded = decoded || !this.head.chunked;
    if (this.#bodyDone) {
      this.onEnd();
      return;
    }
    if (this.head.expectContinue && !this.#headersSent) {
      encoder.reset();
      encoder.status(100);
      this.sendHeaders(encoder.buf, encoder.pos, false);
    }
    this.resume();
  }

  resumeBody(): void {
    this.resume();
  }

  onData(chunk: Buffer): void {
    this.#lastActivity = this.#ctx.now();
    const consumer = this.#consumer;
    if (consumer === null) return;
    // DATA past the content-length is malformed (RFC 9113 §8.1.1) — and over HTTP/1.1 upstream it
    // would be the start of another request (smuggling): the stream is reset, nothing passed on.
    const length = this.head.contentLength;
    if (length >= 0) {
      this.#bodyBytes += chunk.length;
      if (this.#bodyBytes > length) {
        this.#ctx.metrics.count(Outcome.rejected);
        this.reset(ErrorCode.protocolError);
        return;
      }
    }
    this.facts.bytesIn += chunk.length;
    let ok: boolean;
    if (this.#decoded) {
      ok = consumer.onBodyData(chunk, 0, chunk.length);
    } else {
      // Chunked framing for the upstream: size line, data, CRLF — one buffer, one write.
      const size = `${chunk.length.toString(16)}\r\n`;
      const framed = Buffer.allocUnsafeSlow(size.length + chunk.length + 2); // not from the pool: see copyOf
      framed.write(size, 0, 'latin1');
      chunk.copy(framed, size.length);
      framed[framed.length - 2] = 0x0d;
      framed[framed.length - 1] = 0x0a;
      ok = consumer.onBodyData(framed, 0, framed.length);
    }
    if (!ok) this.pause();
  }

  onEnd(): void {
    const length = this.head.contentLength;
    if (length >= 0 && this.#bodyBytes !== length && this.#consumer !== null) {
      // Shorter than its content-length: malformed too.
      this.#ctx.metrics.count(Outcome.rejected);
      this.reset(ErrorCode.protocolError);
      return;
    }
    this.#bodyDone = true;
    const consumer = this.#consumer;
    this.#consumer = null;
    if (consumer === null) return;
    if (!this.#decoded) consumer.onBodyData(LAST_CHUNK, 0, LAST_CHUNK.length);
    consumer.onBodyEnd();
  }

  // ---- a proxied response ----

  observe(observer: ExchangeObserver | null): void {
    this.#observer = observer;
  }

  beginProxiedResponse(status: number, _mustClose: boolean): boolean {
    this.#startResponse(status);
    return false;
  }

  /** 103 Early Hints are relayed; 100 Continue is the engine's own business (see readBody). */
  writeInterim(head: ResponseHead): void {
    if (head.status !== 103 || this.closed) return;
    encodeResponseHead(encoder, head, '');
    this.sendHeaders(encoder.buf, encoder.pos, false);
  }

  writeResponseHead(head: ResponseHead, _chunked: boolean, _closing: boolean): void {
    if (this.closed) return;
    this.#noBody = head.framing(this.head.method === 'HEAD') === BodyFraming.none;
    encodeResponseHead(encoder, head, this.hsts);
    this.#sendBlock(this.#noBody);
  }

  /** Frames are flushed once per I/O turn: HEADERS and the DATA that follows go out together. */
  flushResponseHead(): void {}

  writeRaw(buf: Buffer): boolean {
    if (this.closed || this.localEnded) return true;
    this.#lastActivity = this.#ctx.now();
    this.facts.bytesOut += buf.length;
    const ok = this.sendData(buf, false);
    if (!ok) this.#blocked = true;
    return ok;
  }

  /** DATA with END_STREAM: no separate empty frame to end the stream after it. */
  writeLast(buf: Buffer): void {
    if (this.closed || this.localEnded) return;
    this.#lastActivity = this.#ctx.now();
    this.facts.bytesOut += buf.length;
    if (!this.sendData(buf, true)) this.#blocked = true;
  }

  responseDone(): void {
    if (this.#done || (this.#ended && !this.#closePending)) return;
    this.#done = true;
    if (this.#dispatched) {
      this.#ctx.completed(this);
      this.#report(RequestEnd.completed);
    }
    this.#dispatched = false;
    if (this.#closePending) {
      this.#closePending = false;
      this.#finishClose();
      return;
    }
    if (this.streamClosed) return;
    if (this.#pendingHeaders !== null) this.#flushHead(true);
    else if (!this.localEnded) this.sendData(EMPTY, true);
    // A body nobody will read: RST_STREAM(NO_ERROR) after the complete response tells the client
    // to stop sending it (RFC 9113 §8.1).
    if (!this.#bodyDone) this.endRequestBody();
  }

  // ---- the session's sweep ----

  /** Request deadline (body included) and progress: a stream the client stopped reading is reset. */
  checkTimeouts(now: number): void {
    if (this.#ended || this.streamClosed) return;
    if (!this.#bodyDone && now >= this.#requestDeadline) {
      this.#ctx.metrics.count(Outcome.rejected);
      if (this.#headersSent) this.reset(ErrorCode.cancel);
      else this.sendPage(Pages.requestTimeout, this.#ctx.requestIds.next(), true);
    } else if (now - this.#lastActivity >= this.#ctx.streamIdleTimeoutMs) {
      if (this.#blocked) this.#ctx.metrics.count(Outcome.h2SlowReader);
      this.reset(ErrorCode.cancel);
    }
  }

  // ---- events ----

  #startResponse(status: number): void {
    this.#headersSent = true;
    this.status = status;
  }

  onWritable(): void {
    this.#blocked = false;
    this.#lastActivity = this.#ctx.now();
    const drain = this.#drain;
    if (drain !== null) {
      this.#drain = null;
      drain();
    }
  }

  onClose(completed: boolean, _code: number, _byPeer: boolean): void {
    this.#ended = true;
    if (completed && !this.#done) {
      this.#closePending = true;
      return;
    }
    this.#finishClose();
  }

  #finishClose(): void {
    const completed = this.#done;
    if (!completed && this.#dispatched) this.#ctx.metrics.count(Outcome.clientClosed);
    const observer = this.#observer;
    this.#observer = null;
    this.#consumer = null;
    this.#drain = null;
    observer?.onExchangeEnd(completed);
    if (this.#finished.length > 0) {
      const callbacks = this.#finished;
      this.#finished = [];
      for (const callback of callbacks) callback();
    }
    if (!completed) this.#report(RequestEnd.aborted);
  }
}
