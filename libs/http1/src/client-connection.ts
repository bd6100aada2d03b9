import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { httpDate } from './clock.ts';
import type { ClientExchange } from './exchange.ts';
import { Outcome } from './metrics.ts';
import { type Page, Pages } from './pages.ts';
import { ChunkedDecoder, type ChunkSink } from './parse/chunked.ts';
import { HeadError, type HeadErrorCode } from './parse/errors.ts';
import { RequestHead } from './parse/request-head.ts';
import type { ResponseHead } from './parse/response-head.ts';
import { unmapIpv4 } from './peers.ts';
import { RequestEnd, RequestFacts } from './request-facts.ts';
import type { ServerContext } from './server-context.ts';
import { newTraceId } from './trace-context.ts';
import { clientResponseHead } from './upstream-response.ts';

/** Receives a request's body bytes, exactly as framed on the wire (chunked framing included). */
export interface BodyConsumer {
  /** Return false to stop the flow until `ClientConnection.resumeBody()`. */
  onBodyData(buf: Buffer, start: number, end: number): boolean;
  onBodyEnd(): void;
  /** The chunked framing is invalid: nothing more will come, and the connection will close. */
  onBodyError(): void;
}

/** Told once when the exchange under way ends: response complete, or connection gone. */
export interface ExchangeObserver {
  onExchangeEnd(completed: boolean): void;
}

const Phase = {
  /** Waiting for (the rest of) a request head. */
  head: 0,
  /** A request was handed to the application; its response is not finished. */
  exchange: 1,
  /** Upgraded: bytes are tunnelled, the engine no longer parses. */
  tunnel: 2,
  /** The last response is out; waiting for the socket to close. */
  closing: 3,
  closed: 4,
} as const;

type PhaseCode = (typeof Phase)[keyof typeof Phase];

/** Past this many buffered bytes the socket stops being read until the exchange takes them. */
const MAX_BUFFERED_INPUT = 64 * 1024;
const EMPTY = Buffer.alloc(0);
/** Responses up to this size (head and body) are written as one buffer. */
const COALESCE_BYTES = 16 * 1024;

/**
 * One client connection: reads request heads and parses them once, hands each request to the
 * application, one at a time (pipelined requests wait in the buffer and are answered in order),
 * frames the request body for whoever consumes it, and writes responses. Also the request and
 * response objects the application sees: a connection is reused for every request on it, so a
 * request costs no objects of its own here.
 */
export class ClientConnection implements ChunkSink, ClientExchange {
  readonly socket: Socket;
  readonly head: RequestHead;
  /** The peer's address, IPv4-mapped IPv6 unwrapped. */
  readonly remoteAddress: string;
  /** Arrived over TLS (a `TLSSocket` handed to `HttpServer.accept`). */
  readonly encrypted: boolean;
  /** Strict-Transport-Security for this request's response (the application's and the proxied one), '' for none. */
  hsts = '';
  /** Free for the application (the router keeps its routing decision here for accounting). */
  tag = 0;
  /** performance.now() when the current request's head was complete. */
  startedAt = 0;
  /** Status of the response under way (0 until its head is written). */
  status = 0;
  /** Ids, trace context, upstream, outcome and byte counts of the request under way (its log record). */
  readonly facts = new RequestFacts();

  readonly #ctx: ServerContext;
  #phase: PhaseCode = Phase.head;
  #in: Buffer = EMPTY;
  #inStart = 0;
  #inEnd = 0;
  #headStarted = false;
  /** Deadlines (performance.now() ms) checked by the server's sweep. */
  #headDeadline = 0;
  #idleSince = 0;
  #requestDeadline = 0;
  #lastActivity = 0;
  #closingSince = 0;
  #paused = false;
  #parsing = false;
  #parseAgain = false;
  #clientEnded = false;
  /** The request under way was handed to the application (not refused by the engine). */
  #dispatched = false;

  // The request body.
  #bodyDone = true;
  #bodyRemaining = 0;
  readonly #chunked = new ChunkedDecoder();
  #consumer: BodyConsumer | null = null;
  #consumerPaused = false;
  /** The consumer gets chunk data, not the chunked framing. */
  #decoded = false;

  // The response.
  #headersSent = false;
  #closeAfter = false;
  #chunkedOut = false;
  #noBody = false;
  /** The head of the application's response, until its first body bytes (or its end) are written. */
  #pendingHead = '';
  /** A proxied response's head, until its first body bytes or `flushResponseHead`. */
  #heldHead: Buffer | null = null;
  #observer: ExchangeObserver | null = null;
  #finished: (() => void)[] = [];
  #drain: (() => void) | null = null;
  /** Socket byte counts when the connection became a tunnel (its record counts what follows). */
  #tunnelReadMark = 0;
  #tunnelWriteMark = 0;

  constructor(socket: Socket, ctx: ServerContext) {
    this.socket = socket;
    this.#ctx = ctx;
    this.head = new RequestHead(ctx.limits);
    this.remoteAddress = unmapIpv4(socket.remoteAddress ?? '');
    this.encrypted = (socket as Partial<TLSSocket>).encrypted === true;
    this.#idleSince = ctx.now();
    this.#lastActivity = this.#idleSince;
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onClose);
    socket.on('error', this.#onError);
    socket.on('drain', this.#onDrain);
  }

  // ---- the request, as the application sees it ----

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
  get isUpgrade(): boolean {
    return this.head.isUpgrade;
  }
  get httpVersion(): number {
    return this.head.minorVersion === 1 ? 11 : 10;
  }
  /** A request field's value by lower-case name (several joined with ", "). */
  header(lowerName: string): string | undefined {
    return this.head.get(lowerName);
  }

  // ---- the response ----

  get headersSent(): boolean {
    return this.#headersSent;
  }
  /** The connection is gone (or going): nothing more can be sent. */
  get closed(): boolean {
    return this.#phase >= Phase.closing || this.socket.destroyed;
  }
  get draining(): boolean {
    return this.#ctx.draining;
  }

  /**
   * Starts a response of the application's own. `headers` is flat `[name, value, …]`; without a
   * content-length the body is chunked (or close-delimited for HTTP/1.0 clients).
   */
  writeHead(status: number, headers: readonly string[], reason?: string): void {
    if (this.#headersSent || this.closed) return;
    let text = `HTTP/1.1 ${status} ${reason ?? reasonFor(status)}\r\n`;
    let hasLength = false;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i] as string;
      if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
      text += `${name}: ${headers[i + 1]}\r\n`;
    }
    this.#noBody = this.head.method === 'HEAD' || status === 204 || status === 304;
    if (!hasLength && !this.#noBody) {
      if (this.head.minorVersion === 1) {
        this.#chunkedOut = true;
        text += 'transfer-encoding: chunked\r\n';
      } else {
        this.#closeAfter = true;
      }
    }
    text += `date: ${httpDate()}\r\n`;
    if (this.hsts !== '') text += `strict-transport-security: ${this.hsts}\r\n`;
    this.#startResponse(status);
    if (this.#closeAfter) text += 'connection: close\r\n';
    // Sent with the first body bytes (or at the end): one write per small response, not two.
    this.#pendingHead = `${text}\r\n`;
  }

  /** A body chunk of the application's response. False: wait for `onDrain` before writing more. */
  write(chunk: Buffer): boolean {
    if (this.closed) return false;
    if (this.#noBody || chunk.length === 0) {
      this.#flushHead('');
      return true;
    }
    this.#lastActivity = this.#ctx.now();
    if (!this.#chunkedOut) return this.#send(chunk, '');
    return this.#send(chunk, '\r\n', `${chunk.length.toString(16)}\r\n`);
  }

  /** Ends the application's response (with a last chunk, if given). */
  end(chunk?: Buffer): void {
    if (this.closed) return;
    const last = this.#chunkedOut ? '0\r\n\r\n' : '';
    if (chunk === undefined || this.#noBody || chunk.length === 0) this.#flushHead(last);
    else if (this.#chunkedOut) this.#send(chunk, `\r\n${last}`, `${chunk.length.toString(16)}\r\n`);
    else this.#send(chunk, last);
    this.responseDone();
  }

  /** Writes the pending head (if any) and `text` as one string. */
  #flushHead(text: string): void {
    const head = this.#pendingHead;
    this.#pendingHead = '';
    if (head.length + text.length === 0) return;
    this.facts.bytesOut += head.length + text.length;
    this.socket.write(head + text, 'latin1');
  }

  /**
   * Writes `prefix`, `chunk` and `suffix`, after the pending head if any. A small chunk is copied
   * behind the head into one buffer: one write (one syscall) for the whole of a small response.
   */
  #send(chunk: Buffer, suffix: string, prefix = ''): boolean {
    const before = this.#pendingHead + prefix;
    this.#pendingHead = '';
    this.facts.bytesOut += before.length + chunk.length + suffix.length;
    const s = this.socket;
    if (before.length + chunk.length + suffix.length <= COALESCE_BYTES) {
      const out = Buffer.allocUnsafe(before.length + chunk.length + suffix.length);
      out.write(before, 0, 'latin1');
      chunk.copy(out, before.length);
      if (suffix.length > 0) out.write(suffix, before.length + chunk.length, 'latin1');
      return s.write(out);
    }
    s.cork();
    if (before.length > 0) s.write(before, 'latin1');
    let ok = s.write(chunk);
    if (suffix.length > 0) ok = s.write(suffix, 'latin1');
    s.uncork();
    return ok;
  }

  /**
   * Answers with a pre-built page (see pages.ts), with the request id and, once the request was
   * identified, its trace id (`x-trace-id`). The connection closes after it when `close`.
   */
  sendPage(page: Page, requestId: string, close = false): void {
    if (this.#headersSent || this.closed) return;
    if (close) this.#closeAfter = true;
    this.#startResponse(page.status);
    const tail = this.#closeAfter ? CLOSE_TAIL : KEEP_TAIL;
    const traceId = this.facts.traceId;
    const head = `${page.head}${requestId}${traceId === '' ? '' : `\r\nx-trace-id: ${traceId}`}\r\ndate: ${httpDate()}${tail}`;
    const s = this.socket;
    s.cork();
    s.write(head, 'latin1');
    this.facts.bytesOut += head.length;
    if (this.head.method !== 'HEAD') {
      s.write(page.body);
      this.facts.bytesOut += page.body.length;
    }
    s.uncork();
    this.responseDone();
  }

  /** Called once when the socket can take more after `write` returned false. */
  onDrain(callback: () => void): void {
    this.#drain = callback;
  }

  /** Called once when the current exchange ends, completed or not. */
  onFinished(callback: () => void): void {
    if (this.#phase !== Phase.exchange) callback();
    else this.#finished.push(callback);
  }

  /** Cuts the connection: the client sees a truncated response. */
  destroy(): void {
    this.socket.destroy();
  }

  // ---- for the engine's proxy exchange ----

  /** The exchange under way is told when the client goes away. */
  observe(observer: ExchangeObserver | null): void {
    this.#observer = observer;
  }

  /** Does the response under way have to close the connection when done? Decided at its head. */
  get closeAfterResponse(): boolean {
    return this.#closeAfter;
  }

  /** An HTTP/1.0 client gets chunked bodies de-chunked (and the connection closes after them). */
  get decodesChunked(): boolean {
    return this.head.minorVersion === 0;
  }

  /** 1xx interim responses (100, 103) go to HTTP/1.1 clients only. */
  writeInterim(head: ResponseHead): void {
    if (this.head.minorVersion === 1) this.writeRaw(clientResponseHead(head, false, false));
  }

  writeResponseHead(head: ResponseHead, chunked: boolean, closing: boolean): void {
    const out = clientResponseHead(head, chunked, closing, this.hsts);
    this.facts.bytesOut += out.length;
    this.#heldHead = out; // the body bytes read with it follow in the same write (writeRaw)
  }

  flushResponseHead(): void {
    const held = this.#heldHead;
    if (held === null) return;
    this.#heldHead = null;
    if (!this.socket.destroyed) this.socket.write(held);
  }

  /** Marks the response head as sent, deciding whether the connection stays open after it. */
  beginProxiedResponse(status: number, mustClose: boolean): boolean {
    if (mustClose) this.#closeAfter = true;
    this.#startResponse(status);
    return this.#closeAfter;
  }

  /** Bytes of a proxied response, passed as they are (after the head, when one is held). */
  writeRaw(buf: Buffer): boolean {
    this.#lastActivity = this.#ctx.now();
    this.facts.bytesOut += buf.length;
    const held = this.#heldHead;
    if (held === null) return this.socket.write(buf);
    this.#heldHead = null;
    if (held.buffer === buf.buffer && held.byteOffset + held.length === buf.byteOffset) {
      // The upstream's head passed unchanged, and its body right behind it in the same read.
      return this.socket.write(Buffer.from(buf.buffer, held.byteOffset, held.length + buf.length));
    }
    if (held.length + buf.length <= COALESCE_BYTES) {
      const out = Buffer.allocUnsafe(held.length + buf.length);
      held.copy(out, 0);
      buf.copy(out, held.length);
      return this.socket.write(out);
    }
    const s = this.socket;
    s.cork();
    s.write(held);
    const ok = s.write(buf);
    s.uncork();
    return ok;
  }

  writeLast(buf: Buffer): void {
    this.writeRaw(buf);
  }

  get requestBodyDone(): boolean {
    return this.#bodyDone;
  }

  /**
   * Streams the request body into `consumer`: what is buffered now, then as it arrives. As framed
   * on the wire, or with `decoded` only the data of each chunk (for a client that frames itself).
   */
  readBody(consumer: BodyConsumer, decoded = false): void {
    this.#consumer = consumer;
    this.#consumerPaused = false;
    this.#decoded = decoded && this.head.chunked;
    if (this.#decoded) this.#chunked.reset(this);
    if (this.head.expectContinue && !this.#bodyDone && !this.#headersSent && this.head.minorVersion === 1) {
      this.facts.bytesOut += CONTINUE.length;
      this.socket.write(CONTINUE);
    }
    if (this.#bodyDone) {
      consumer.onBodyEnd();
      return;
    }
    this.#pumpBody();
    this.#resumeSocket();
  }

  /** ChunkSink, for a `decoded` body. */
  chunkData(buf: Buffer, start: number, end: number): void {
    if (this.#consumer?.onBodyData(buf, start, end) === false) this.#consumerPaused = true;
  }

  resumeBody(): void {
    if (!this.#consumerPaused) return;
    this.#consumerPaused = false;
    this.#pumpBody();
    if (!this.#consumerPaused) this.#resumeSocket();
  }

  /**
   * Hands the socket over to a tunnel: returns the client bytes received after the request head
   * (they belong to the upgraded protocol). The engine stops parsing this connection.
   */
  detachForTunnel(): Buffer {
    if (this.#dispatched) this.#ctx.completed(this);
    this.#dispatched = false;
    this.#phase = Phase.tunnel;
    // The exchange lasts as long as the tunnel: onFinished callbacks run when the socket closes.
    this.#observer = null;
    this.#consumer = null;
    this.#drain = null;
    this.socket.off('data', this.#onData);
    const rest = this.#in.subarray(this.#inStart, this.#inEnd);
    this.#tunnelReadMark = this.socket.bytesRead - rest.length;
    this.#tunnelWriteMark = this.socket.bytesWritten;
    this.#in = EMPTY;
    this.#inStart = 0;
    this.#inEnd = 0;
    return rest;
  }

  /** The response is complete: keep the connection for the next request, or close it. */
  responseDone(): void {
    if (this.#phase !== Phase.exchange) return;
    this.flushResponseHead();
    if (this.#dispatched) {
      this.#ctx.completed(this);
      this.#ended(RequestEnd.completed);
    }
    this.#dispatched = false;
    if (this.#closeAfter || this.#clientEnded || !this.#bodyDone) {
      this.#finishExchange(true);
      this.#closeGracefully();
      return;
    }
    this.#phase = Phase.head;
    this.#idleSince = this.#ctx.now();
    this.#finishExchange(true);
    this.#resumeSocket();
    // Draining, an idle connection stays open (a request sent on it now is answered, with
    // `Connection: close`) until the drain period ends: closing it would race the client's next request.
    if (this.#inEnd > this.#inStart) this.#parse();
  }

  // ---- the server's sweep ----

  /** Called by the server every check interval: enforces the timeouts. */
  checkTimeouts(now: number): void {
    const ctx = this.#ctx;
    switch (this.#phase) {
      case Phase.head:
        if (this.#headStarted) {
          if (now >= this.#headDeadline) this.#reject(Pages.requestTimeout);
        } else if (now - this.#idleSince >= ctx.keepAliveTimeoutMs) {
          this.#closeGracefully();
        }
        break;
      case Phase.exchange:
        if (!this.#bodyDone && now >= this.#requestDeadline) {
          if (this.#headersSent) this.socket.destroy();
          else this.#reject(Pages.requestTimeout);
        } else if (now - this.#lastActivity >= ctx.socketIdleTimeoutMs) {
          this.socket.destroy();
        }
        break;
      case Phase.closing:
        if (now - this.#closingSince >= ctx.closeGraceMs) this.socket.destroy();
        break;
    }
  }

  /**
   * The drain period is over: an idle connection closes cleanly (FIN), anything else — a request
   * under way, a half-received head, a tunnel — is cut.
   */
  endDrain(): void {
    if (this.#phase === Phase.head && !this.#headStarted) this.#closeGracefully();
    else if (this.#phase !== Phase.closing) this.socket.destroy();
  }

  // ---- input ----

  readonly #onData = (chunk: Buffer): void => {
    if (this.#phase >= Phase.closing) return;
    this.#lastActivity = this.#ctx.now();
    if (this.#inEnd === this.#inStart) {
      this.#in = chunk;
      this.#inStart = 0;
      this.#inEnd = chunk.length;
    } else {
      this.#append(chunk);
    }
    if (this.#phase === Phase.head) {
      this.#parse();
    } else if (this.#consumer !== null && !this.#bodyDone && !this.#consumerPaused) {
      this.#pumpBody();
    } else if (this.#inEnd - this.#inStart > MAX_BUFFERED_INPUT) {
      this.#pauseSocket();
    }
  };

  #append(chunk: Buffer): void {
    const pending = this.#inEnd - this.#inStart;
    const merged = Buffer.allocUnsafe(pending + chunk.length);
    this.#in.copy(merged, 0, this.#inStart, this.#inEnd);
    chunk.copy(merged, pending);
    if (this.#phase === Phase.head && this.#headStarted) this.head.rebase(merged, 0);
    this.#in = merged;
    this.#inStart = 0;
    this.#inEnd = merged.length;
  }

  /** Parses buffered heads and dispatches them, one request at a time. */
  #parse(): void {
    if (this.#parsing) {
      this.#parseAgain = true;
      return;
    }
    this.#parsing = true;
    do {
      this.#parseAgain = false;
      this.#parseOne();
    } while (this.#parseAgain && this.#phase === Phase.head && this.#inEnd > this.#inStart);
    this.#parsing = false;
  }

  #parseOne(): void {
    const head = this.head;
    if (!this.#headStarted) {
      this.#headStarted = true;
      this.#headDeadline = this.#ctx.now() + this.#ctx.headersTimeoutMs;
      head.reset(this.#in, this.#inStart);
    }
    const end = head.parse(this.#inEnd);
    if (end === 0) return;
    if (end < 0) {
      this.#reject(pageFor(head.error));
      return;
    }
    this.#headStarted = false;
    this.#inStart = end;
    this.#dispatch();
  }

  #dispatch(): void {
    const head = this.head;
    const ctx = this.#ctx;
    this.#phase = Phase.exchange;
    this.#dispatched = true;
    this.startedAt = ctx.now();
    this.#requestDeadline = this.startedAt + ctx.requestTimeoutMs;
    this.status = 0;
    this.tag = 0;
    this.hsts = '';
    this.facts.reset();
    this.facts.bytesIn = head.end - head.start;
    this.#headersSent = false;
    this.#closeAfter = ctx.draining || !head.keepAlive;
    this.#chunkedOut = false;
    this.#noBody = false;
    this.#pendingHead = '';
    this.#consumer = null;
    this.#consumerPaused = false;
    this.#decoded = false;
    if (head.chunked) {
      this.#bodyDone = false;
      this.#chunked.reset();
    } else {
      this.#bodyRemaining = head.contentLength > 0 ? head.contentLength : 0;
      this.#bodyDone = this.#bodyRemaining === 0;
    }
    ctx.handle(this);
  }

  #pumpBody(): void {
    const consumer = this.#consumer;
    if (consumer === null) return;
    while (!this.#bodyDone && this.#inEnd > this.#inStart && !this.#consumerPaused) {
      const start = this.#inStart;
      let end: number;
      if (this.head.chunked) {
        end = this.#chunked.feed(this.#in, start, this.#inEnd);
        if (end < 0) {
          this.#bodyFailed(consumer);
          return;
        }
        if (this.#chunked.done) this.#bodyDone = true;
      } else {
        end = Math.min(this.#inEnd, start + this.#bodyRemaining);
        this.#bodyRemaining -= end - start;
        if (this.#bodyRemaining === 0) this.#bodyDone = true;
      }
      this.#inStart = end;
      this.facts.bytesIn += end - start;
      const buf = this.#in;
      if (this.#inStart === this.#inEnd) {
        this.#in = EMPTY;
        this.#inStart = 0;
        this.#inEnd = 0;
      }
      if (!this.#decoded && !consumer.onBodyData(buf, start, end)) this.#consumerPaused = true;
    }
    if (this.#bodyDone) {
      this.#consumer = null;
      consumer.onBodyEnd();
    } else if (this.#consumerPaused) {
      this.#pauseSocket();
    }
  }

  #bodyFailed(consumer: BodyConsumer): void {
    this.#consumer = null;
    this.#ctx.metrics.count(Outcome.rejected);
    consumer.onBodyError();
    if (this.#headersSent) this.socket.destroy();
    else this.#reject(Pages.badBody);
  }

  readonly #onEnd = (): void => {
    this.#clientEnded = true;
    if (this.#phase === Phase.head) {
      // A half-sent head has no answer; an idle connection just ends.
      this.socket.end();
      this.#toClosing();
    } else if (this.#phase === Phase.exchange) {
      // The client gave up waiting (or its body can never complete): the exchange is abandoned.
      this.socket.destroy();
    }
  };

  readonly #onError = (): void => {
    // 'close' follows; nothing else to do (resets and EPIPE are a client's right).
  };

  readonly #onClose = (): void => {
    const phase = this.#phase;
    this.#phase = Phase.closed;
    this.#ctx.forget(this);
    if (phase === Phase.exchange) {
      this.#ctx.metrics.count(Outcome.clientClosed);
      this.#finishExchange(false);
      if (this.#dispatched) {
        this.#dispatched = false;
        this.#ended(RequestEnd.aborted);
      }
    } else if (phase === Phase.tunnel) {
      this.#finishExchange(true);
      const facts = this.facts;
      facts.bytesIn += this.socket.bytesRead - this.#tunnelReadMark;
      facts.bytesOut += this.socket.bytesWritten - this.#tunnelWriteMark;
      this.#ended(RequestEnd.tunnelClosed);
    }
  };

  readonly #onDrain = (): void => {
    const drain = this.#drain;
    if (drain !== null) {
      this.#drain = null;
      drain();
    }
  };

  // ---- helpers ----

  #startResponse(status: number): void {
    this.#headersSent = true;
    this.status = status;
    if (this.#ctx.draining) this.#closeAfter = true;
    // A body we will not read to its end leaves the connection unusable for another request.
    if (!this.#bodyDone && this.#consumer === null) this.#closeAfter = true;
  }

  /** The request under way is over, one way or another: its record can be written. */
  #ended(end: (typeof RequestEnd)[keyof typeof RequestEnd]): void {
    this.facts.end = end;
    this.#ctx.ended(this);
  }

  #finishExchange(completed: boolean): void {
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
  }

  /** Refuses what was received: the page, then the connection closes. */
  #reject(page: Page): void {
    this.#ctx.metrics.count(Outcome.rejected);
    const wasExchange = this.#phase === Phase.exchange;
    const dispatched = this.#dispatched;
    this.#phase = Phase.exchange; // sendPage answers the exchange under way
    this.#dispatched = false;
    this.#closeAfter = true;
    this.#headersSent = false;
    const facts = this.facts;
    if (!dispatched) {
      // Never seen by the application: a record of its own, with what the head said so far.
      this.startedAt = this.#headStarted ? this.#headDeadline - this.#ctx.headersTimeoutMs : this.#ctx.now();
      this.status = 0;
      facts.reset();
      facts.bytesIn = this.#inEnd - this.#inStart;
    }
    if (facts.requestId === '') {
      facts.requestId = this.#ctx.requestIds.next();
      facts.traceId = newTraceId();
    }
    this.#pendingHead = '';
    this.sendPage(page, facts.requestId, true);
    this.#ended(dispatched ? RequestEnd.completed : RequestEnd.refused);
    if (!wasExchange) this.#toClosing();
  }

  #closeGracefully(): void {
    if (this.#phase >= Phase.closing) return;
    this.#toClosing();
    this.socket.end();
  }

  #toClosing(): void {
    if (this.#phase === Phase.closed) return;
    this.#phase = Phase.closing;
    this.#closingSince = this.#ctx.now();
    this.#in = EMPTY;
    this.#inStart = 0;
    this.#inEnd = 0;
  }

  #pauseSocket(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.socket.pause();
  }

  #resumeSocket(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.socket.resume();
  }
}

const KEEP_TAIL = '\r\n\r\n';
const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');
const CLOSE_TAIL = '\r\nconnection: close\r\n\r\n';

/** The page for a refused request head. */
export function pageFor(error: HeadErrorCode): Page {
  switch (error) {
    case HeadError.headTooLarge:
    case HeadError.tooManyFields:
      return Pages.headersTooLarge;
    case HeadError.connect:
      return Pages.methodNotAllowed;
    case HeadError.unknownMethod:
    case HeadError.unsupportedTransferCoding:
      return Pages.notImplemented;
    case HeadError.unsupportedVersion:
      return Pages.versionNotSupported;
    case HeadError.missingHost:
    case HeadError.duplicateHost:
    case HeadError.badHost:
      return Pages.badHost;
    case HeadError.badTarget:
    case HeadError.asteriskForm:
      return Pages.badTarget;
    default:
      return Pages.badRequest;
  }
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  416: 'Range Not Satisfiable',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  508: 'Loop Detected',
};

function reasonFor(status: number): string {
  return REASONS[status] ?? 'Unknown';
}
