import { constants, type ServerHttp2Stream } from 'node:http2';
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
import { h2ApplicationFields, h2InterimFields, h2ResponseFields } from './response-fields.ts';

const { NGHTTP2_NO_ERROR, NGHTTP2_CANCEL, NGHTTP2_INTERNAL_ERROR } = constants;
const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');
const NO_DATE = { endStream: false, sendDate: false } as const;
const END_NO_DATE = { endStream: true, sendDate: false } as const;

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
  /** The stream closed. */
  forget(exchange: H2Exchange): void;
  /** The client reset a stream before its response was complete. */
  clientReset(): void;
}

/**
 * One HTTP/2 stream as a `ClientExchange`: its request as the equivalent HTTP/1.1 head (see
 * `parseH2Request`), its body framed for the upstream, and responses written as HTTP/2 frames —
 * the application's own, pages, and proxied upstream responses (connection-specific fields
 * removed, chunked bodies de-chunked by the Forwarder, trailers dropped).
 */
export class H2Exchange implements ClientExchange {
  readonly stream: ServerHttp2Stream;
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
  #noBody = false;
  /** The application's response head, until its first body bytes (or its end). */
  #pending: string[] | null = null;
  #observer: ExchangeObserver | null = null;
  #finished: (() => void)[] = [];
  #drain: (() => void) | null = null;

  #bodyDone: boolean;
  #reading = false;
  #consumer: BodyConsumer | null = null;
  #consumerPaused = false;
  #decoded = false;

  #requestDeadline = 0;
  #lastActivity = 0;
  /** A write returned false and no 'drain' came yet: the client is not reading. */
  #blocked = false;
  #drainListened = false;

  /** `fieldCount`: the request's fields, pseudo-fields included (sizes the head's field table). */
  constructor(ctx: H2StreamContext, stream: ServerHttp2Stream, hasBody: boolean, fieldCount: number) {
    this.#ctx = ctx;
    this.stream = stream;
    // Sized to this request (plus Host and Transfer-Encoding), not to the limit: a few hundred bytes, not 5 KiB.
    const limits = ctx.limits;
    this.head = new RequestHead({
      maxHeadBytes: limits.maxHeadBytes,
      maxFields: Math.min(fieldCount, limits.maxFields) + 2,
    });
    this.remoteAddress = ctx.remoteAddress;
    this.socket = ctx.socket;
    this.#bodyDone = !hasBody;
    this.startedAt = ctx.now();
    this.#lastActivity = this.startedAt;
    this.#requestDeadline = this.startedAt + ctx.requestTimeoutMs;
    // (The session attached the 'error' listener; 'drain' is listened to once a write is refused.)
    stream.on('close', this.#onClose);
    stream.on('aborted', this.#onAborted);
    // An empty body can end before anyone reads it (node:http2 reads 0 bytes to notice the end).
    if (hasBody) stream.once('end', this.#onEnd);
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
    return this.#ended || this.#done || this.stream.destroyed;
  }

  writeHead(status: number, headers: readonly string[], _reason?: string): void {
    if (this.#headersSent || this.closed) return;
    this.#startResponse(status);
    this.#noBody = this.head.method === 'HEAD' || status === 204 || status === 304;
    this.#pending = h2ApplicationFields(status, headers, httpDate(), this.hsts);
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
    if (this.closed) return;
    if (chunk === undefined || this.#noBody || chunk.length === 0) {
      this.#flushHead(true);
    } else {
      this.#flushHead(false);
      if (!this.stream.writableEnded) {
        this.facts.bytesOut += chunk.length;
        this.stream.end(chunk);
      }
    }
    this.responseDone();
  }

  /** Sends the pending head; `end`: with END_STREAM (no body follows). */
  #flushHead(end: boolean): void {
    const fields = this.#pending;
    if (fields === null) return;
    this.#pending = null;
    this.#respond(fields, end);
  }

  #respond(fields: readonly string[], end: boolean): boolean {
    let size = 0;
    for (let i = 0; i < fields.length; i++) size += (fields[i] as string).length + 2;
    this.facts.bytesOut += size;
    try {
      this.stream.respond(fields, end ? END_NO_DATE : NO_DATE);
      return true;
    } catch {
      // A field node:http2 refuses (e.g. two content-types from an upstream): the stream is reset.
      if (!this.stream.destroyed) this.stream.close(NGHTTP2_INTERNAL_ERROR);
      return false;
    }
  }

  sendPage(page: Page, requestId: string, _close = false): void {
    if (this.#headersSent || this.closed) return;
    this.#startResponse(page.status);
    const fields = [':status', String(page.status), ...page.headers, 'x-request-id', requestId];
    if (this.facts.traceId !== '') fields.push('x-trace-id', this.facts.traceId);
    fields.push('date', httpDate());
    const head = this.head.method === 'HEAD';
    if (this.#respond(fields, head) && !head && !this.stream.writableEnded) {
      this.facts.bytesOut += page.body.length;
      this.stream.end(page.body);
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
    if (!this.stream.destroyed) this.stream.close(NGHTTP2_INTERNAL_ERROR);
  }

  // ---- the request body ----

  get requestBodyDone(): boolean {
    return this.#bodyDone;
  }

  readBody(consumer: BodyConsumer, decoded = false): void {
    this.#consumer = consumer;
    this.#consumerPaused = false;
    this.#decoded = decoded || !this.head.chunked;
    if (this.#bodyDone) {
      this.#onEnd();
      return;
    }
    if (this.head.expectContinue && !this.#headersSent) {
      try {
        this.stream.additionalHeaders({ ':status': 100 });
      } catch {
        // the stream is closing
      }
    }
    if (!this.#reading) {
      this.#reading = true;
      this.stream.on('data', this.#onData);
    }
    this.stream.resume();
  }

  resumeBody(): void {
    if (!this.#consumerPaused) return;
    this.#consumerPaused = false;
    this.stream.resume();
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#lastActivity = this.#ctx.now();
    const consumer = this.#consumer;
    if (consumer === null || chunk.length === 0) return;
    this.facts.bytesIn += chunk.length;
    let ok: boolean;
    if (this.#decoded) {
      ok = consumer.onBodyData(chunk, 0, chunk.length);
    } else {
      // Chunked framing for the upstream: size line, data, CRLF — one buffer, one write.
      const size = `${chunk.length.toString(16)}\r\n`;
      const framed = Buffer.allocUnsafe(size.length + chunk.length + 2);
      framed.write(size, 0, 'latin1');
      chunk.copy(framed, size.length);
      framed[framed.length - 2] = 0x0d;
      framed[framed.length - 1] = 0x0a;
      ok = consumer.onBodyData(framed, 0, framed.length);
    }
    if (!ok && !this.#consumerPaused) {
      this.#consumerPaused = true;
      this.stream.pause();
    }
  };

  readonly #onEnd = (): void => {
    this.#bodyDone = true;
    const consumer = this.#consumer;
    this.#consumer = null;
    if (consumer === null) return;
    if (!this.#decoded) consumer.onBodyData(LAST_CHUNK, 0, LAST_CHUNK.length);
    consumer.onBodyEnd();
  };

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
    try {
      this.stream.additionalHeaders(h2InterimFields(head));
    } catch {
      // the stream is closing
    }
  }

  writeResponseHead(head: ResponseHead, _chunked: boolean, _closing: boolean): void {
    if (this.closed) return;
    this.#noBody = head.framing(this.head.method === 'HEAD') === BodyFraming.none;
    this.#respond(h2ResponseFields(head, this.hsts), this.#noBody);
  }

  /** node:http2 already sends HEADERS and the DATA written in the same tick together. */
  flushResponseHead(): void {}

  writeRaw(buf: Buffer): boolean {
    if (this.closed) return true;
    this.#lastActivity = this.#ctx.now();
    if (this.stream.writableEnded) return true;
    this.facts.bytesOut += buf.length;
    const ok = this.stream.write(buf);
    if (!ok) {
      this.#blocked = true;
      if (!this.#drainListened) {
        this.#drainListened = true;
        this.stream.on('drain', this.#onDrain);
      }
    }
    return ok;
  }

  /** DATA with END_STREAM: no separate empty frame to end the stream after it. */
  writeLast(buf: Buffer): void {
    if (this.closed) return;
    this.#lastActivity = this.#ctx.now();
    if (this.stream.writableEnded) return;
    this.facts.bytesOut += buf.length;
    this.stream.end(buf);
  }

  responseDone(): void {
    if (this.#done || this.#ended) return;
    this.#done = true;
    if (this.#dispatched) {
      this.#ctx.completed(this);
      this.#report(RequestEnd.completed);
    }
    this.#dispatched = false;
    const stream = this.stream;
    if (stream.destroyed) return;
    if (this.#pending !== null) this.#flushHead(true);
    else if (!stream.writableEnded) stream.end();
    // A body nobody will read: RST_STREAM(NO_ERROR) after the complete response tells the client
    // to stop sending it (RFC 9113 §8.1).
    if (!this.#bodyDone && !stream.destroyed) stream.close(NGHTTP2_NO_ERROR);
  }

  // ---- the session's sweep ----

  /** Request deadline (body included) and progress: a stream the client stopped reading is reset. */
  checkTimeouts(now: number): void {
    if (this.#ended || this.stream.destroyed) return;
    if (!this.#bodyDone && now >= this.#requestDeadline) {
      this.#ctx.metrics.count(Outcome.rejected);
      if (this.#headersSent) this.stream.close(NGHTTP2_CANCEL);
      else this.sendPage(Pages.requestTimeout, this.#ctx.requestIds.next(), true);
    } else if (now - this.#lastActivity >= this.#ctx.streamIdleTimeoutMs) {
      if (this.#blocked) this.#ctx.metrics.count(Outcome.h2SlowReader);
      this.stream.close(NGHTTP2_CANCEL);
    }
  }

  // ---- events ----

  #startResponse(status: number): void {
    this.#headersSent = true;
    this.status = status;
  }

  readonly #onDrain = (): void => {
    this.#blocked = false;
    this.#lastActivity = this.#ctx.now();
    const drain = this.#drain;
    if (drain !== null) {
      this.#drain = null;
      drain();
    }
  };

  readonly #onAborted = (): void => {
    if (!this.#done) this.#ctx.clientReset();
  };

  readonly #onClose = (): void => {
    this.#ended = true;
    this.#ctx.forget(this);
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
  };
}
