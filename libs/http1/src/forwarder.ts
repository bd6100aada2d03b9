import { type BodyConsumer, ClientConnection, type ExchangeObserver } from './client-connection.ts';
import type { UpstreamError } from './errors.ts';
import type { ClientExchange } from './exchange.ts';
import { type ForwardMetrics, noopMetrics, Outcome, type OutcomeCode } from './metrics.ts';
import { Pages } from './pages.ts';
import { ChunkedDecoder, type ChunkSink } from './parse/chunked.ts';
import { BodyFraming, type BodyFramingCode } from './parse/response-head.ts';
import { Peers } from './peers.ts';
import type { RequestIds } from './request-id.ts';
import { tunnel } from './tunnel.ts';
import type { Target, UpstreamConnection, UpstreamHandler, UpstreamPool, UpstreamWaiter } from './upstream-pool.ts';
import { upstreamRequestHead } from './upstream-request.ts';

export interface ForwarderOptions {
  pool: UpstreamPool;
  requestIds: RequestIds;
  metrics?: ForwardMetrics;
  /** Peers whose X-Forwarded-* and X-Request-Id are kept (addresses or CIDR ranges). */
  trustedHops?: readonly string[];
  /** A WebSocket (or other upgraded) tunnel with no traffic either way for this long is closed. Default 600 000 ms. */
  tunnelIdleTimeoutMs?: number;
  /**
   * Request buffering: a request body is read up to this many bytes (or to its end, if shorter)
   * before an upstream connection is taken, so that clients sending slowly do not hold upstream
   * connections (a few hundred slow POSTs would otherwise take every connection an instance has
   * in the pool, and the other requests would queue behind them). 0: connect at once. Default 16 KiB.
   * HTTP/1.1 requests and HTTP/2 streams alike.
   */
  requestBufferBytes?: number;
  /**
   * Most bytes all requests together may hold in their buffers (one HTTP/2 connection can buffer
   * a body on each of its streams): past it, a request connects at once, with what it has buffered.
   * Default 64 MiB.
   */
  requestBufferTotalBytes?: number;
  /**
   * Told of every upstream that failed an exchange before its response head: a refused or timed-out
   * connection, a reset or close on a fresh connection, or no response head within the pool's read
   * timeout (an upstream that accepts and never answers). The caller's load balancer uses it to put
   * that upstream in cooldown for every later request, whatever the request's method.
   */
  onUpstreamFailed?: (target: Target, error: UpstreamError) => void;
}

/**
 * A 1xx interim response carrying this field is a hop's own signal, not relayed to the client: an
 * activator sends `102` with it before it passes a request on to an instance, so that the router
 * knows the request may have reached one (and never retries it elsewhere): DISPATCHED_MARKER.
 */
export const DISPATCHED_FIELD = 'x-switchyard-dispatched';

/** The interim response an activator writes before it passes a request on (DISPATCHED_FIELD). */
export const DISPATCHED_MARKER: Buffer = Buffer.from(
  `HTTP/1.1 102 Processing\r\n${DISPATCHED_FIELD}: 1\r\n\r\n`,
  'latin1',
);

/**
 * Called after a connection-level failure of an idempotent, bodyless request that received no
 * response byte (not even an interim one): return another target to try, or undefined to answer
 * 502/504. The caller's load balancer uses it to skip the failed instance for a while.
 */
export type NextTarget = (failed: Target, error: Error) => Target | undefined;

const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Forwards requests whose target is already decided. One per serving thread. */
export class Forwarder {
  readonly pool: UpstreamPool;
  readonly requestIds: RequestIds;
  readonly metrics: ForwardMetrics;
  readonly peers: Peers;
  readonly tunnelIdleTimeoutMs: number;
  readonly requestBufferBytes: number;
  readonly requestBufferTotalBytes: number;
  /** Bytes the requests under way hold in their buffers now (see requestBufferTotalBytes). */
  bufferedTotal = 0;
  readonly onUpstreamFailed: ((target: Target, error: UpstreamError) => void) | null;

  constructor(options: ForwarderOptions) {
    this.pool = options.pool;
    this.requestIds = options.requestIds;
    this.metrics = options.metrics ?? noopMetrics;
    this.peers = new Peers(options.trustedHops);
    this.tunnelIdleTimeoutMs = options.tunnelIdleTimeoutMs ?? 600_000;
    this.requestBufferBytes = options.requestBufferBytes ?? 16 * 1024;
    this.requestBufferTotalBytes = options.requestBufferTotalBytes ?? 64 * 1024 * 1024;
    this.onUpstreamFailed = options.onUpstreamFailed ?? null;
  }

  /**
   * Sends the request on `conn` to `target` and passes the answer back. `extra` (flat
   * `[name, value, …]`) is added after the client's fields were cleaned. Upgrade requests become
   * a tunnel once the upstream answers 101.
   */
  forward(
    conn: ClientExchange,
    target: Target,
    extra: readonly string[] | null = null,
    nextTarget: NextTarget | null = null,
  ): void {
    if (conn.closed) {
      this.metrics.count(Outcome.clientClosed);
      return;
    }
    const forwarding = this.peers.forwardingOf(conn, this.requestIds, extra);
    const head = upstreamRequestHead(conn, forwarding);
    const exchange = new ProxyExchange(this, conn, target, head, forwarding.requestId, nextTarget);
    conn.observe(exchange);
    if (
      conn.hasBody &&
      !conn.isUpgrade &&
      this.requestBufferBytes > 0 &&
      this.bufferedTotal < this.requestBufferTotalBytes
    ) {
      exchange.bufferBody();
    } else {
      this.pool.acquire(target, exchange);
    }
  }
}

const State = {
  /** Waiting for a connection, or for the response head. */
  head: 0,
  body: 1,
  done: 2,
} as const;

/** One request on its way upstream and its response on the way back. */
class ProxyExchange implements UpstreamWaiter, UpstreamHandler, BodyConsumer, ExchangeObserver, ChunkSink {
  readonly #forwarder: Forwarder;
  readonly #conn: ClientExchange;
  readonly #head: Buffer;
  readonly #requestId: string;
  readonly #nextTarget: NextTarget | null;
  readonly #retryable: boolean;
  readonly #isHead: boolean;
  readonly #upgrade: boolean;
  readonly #startMs = performance.now();
  #target: Target;
  #upstream: UpstreamConnection | null = null;
  #state: (typeof State)[keyof typeof State] = State.head;
  cancelled = false;
  #retriedFresh = false;
  /** The connection in use served requests before. */
  #onReused = false;
  #retries = 0;
  #requestSent = false;
  /** The upstream sent a byte (an interim response too): it has the request, which is never retried. */
  #answered = false;
  // The response, as it arrives.
  #in: Buffer | null = null;
  #framing: BodyFramingCode = BodyFraming.none;
  #remaining = 0;
  #decoder: ChunkedDecoder | null = null;
  /** The client is HTTP/1.0 or HTTP/2: chunked bodies are de-chunked (HTTP/1.0: and the connection closes after). */
  #dechunk = false;
  #reusable = true;
  #clientPaused = false;
  /**
   * Body bytes read before an upstream connection was taken (request buffering), else null: one
   * buffer of its own (not a slice of Node's shared pool, which a few bytes kept for minutes would
   * pin by the 8 KiB slab), grown by doubling up to the first chunk past requestBufferBytes.
   */
  #buffered: Buffer | null = null;
  #bufferedBytes = 0;
  /** The size of #buffered, counted in the forwarder's bufferedTotal. */
  #bufferSize = 0;
  #bodyEnded = false;
  #acquired = false;

  constructor(
    forwarder: Forwarder,
    conn: ClientExchange,
    target: Target,
    head: Buffer,
    requestId: string,
    nextTarget: NextTarget | null,
  ) {
    this.#forwarder = forwarder;
    this.#conn = conn;
    this.#target = target;
    this.#head = head;
    this.#requestId = requestId;
    this.#nextTarget = nextTarget;
    this.#retryable = !conn.hasBody && RETRYABLE_METHODS.has(conn.method);
    conn.facts.upstream = target;
    this.#isHead = conn.method === 'HEAD';
    this.#upgrade = conn.isUpgrade;
  }

  // ---- getting a connection ----

  /** Reads the body (up to the forwarder's requestBufferBytes) before taking a connection. */
  bufferBody(): void {
    this.#buffered = EMPTY;
    this.#conn.readBody(this);
  }

  #acquire(): void {
    if (this.#acquired || this.cancelled || this.#state === State.done) return;
    this.#acquired = true;
    this.#forwarder.pool.acquire(this.#target, this);
  }

  onUpstream(upstream: UpstreamConnection): void {
    if (this.cancelled) {
      upstream.release();
      return;
    }
    this.#upstream = upstream;
    this.#onReused = upstream.reused;
    upstream.handler = this;
    upstream.head.reset(EMPTY, 0);
    this.#in = null;
    upstream.write(this.#head);
    const buffered = this.#buffered;
    if (buffered !== null) {
      this.#dropBuffer();
      if (this.#bufferedBytes > 0) upstream.write(buffered.subarray(0, this.#bufferedBytes));
      if (this.#bodyEnded) this.#requestSent = true;
      else this.#conn.resumeBody();
      return;
    }
    if (this.#conn.hasBody) this.#conn.readBody(this);
    else this.#requestSent = true;
  }

  onUpstreamError(error: UpstreamError): void {
    this.#failed(error, false);
  }

  // ---- the request body ----

  onBodyData(buf: Buffer, start: number, end: number): boolean {
    const upstream = this.#upstream;
    if (upstream === null) {
      if (this.#buffered === null || this.#state === State.done) return true;
      const length = end - start;
      let into = this.#buffered;
      if (this.#bufferedBytes + length > into.length) {
        into = Buffer.allocUnsafeSlow(
          Math.max(this.#bufferedBytes + length, Math.min(2 * into.length, 16 * 1024), 256),
        );
        this.#buffered.copy(into, 0, 0, this.#bufferedBytes);
        this.#buffered = into;
        this.#forwarder.bufferedTotal += into.length - this.#bufferSize;
        this.#bufferSize = into.length;
      }
      buf.copy(into, this.#bufferedBytes, start, end); // copied: kept past this call
      this.#bufferedBytes += length;
      const forwarder = this.#forwarder;
      if (
        this.#bufferedBytes < forwarder.requestBufferBytes &&
        forwarder.bufferedTotal <= forwarder.requestBufferTotalBytes
      ) {
        return true;
      }
      this.#acquire();
      return this.#upstream !== null; // paused until a connection is there (onUpstream resumes)
    }
    return upstream.write(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
  }

  onBodyEnd(): void {
    if (this.#buffered !== null && this.#upstream === null) {
      this.#bodyEnded = true;
      this.#acquire();
      return;
    }
    this.#requestSent = true;
  }

  onBodyError(): void {
    // The client's framing broke mid-body: the upstream must never see the rest as a request.
    this.#state = State.done;
    this.#upstream?.discard();
    this.#upstream = null;
    this.#finish(Outcome.badResponse);
  }

  onUpstreamDrain(): void {
    this.#conn.resumeBody();
  }

  // ---- the client ----

  onExchangeEnd(completed: boolean): void {
    if (completed || this.#state === State.done) return;
    // The client left first.
    this.cancelled = true;
    this.#dropBuffer();
    this.#state = State.done;
    this.#upstream?.discard();
    this.#upstream = null;
    this.#observe();
    const facts = this.#conn.facts;
    facts.outcome = Outcome.clientClosed;
    facts.upstreamMs = performance.now() - this.#startMs;
  }

  /** Made the first time the client's socket is full (most responses never fill it). */
  #onClientDrain: (() => void) | null = null;

  #clientDrained(): void {
    this.#clientPaused = false;
    this.#upstream?.socket.resume();
  }

  // ---- the response ----

  onUpstreamData(chunk: Buffer): void {
    if (this.#state === State.body) {
      this.#body(chunk, 0);
      return;
    }
    if (this.#state !== State.head) return;
    this.#answered = true;
    const upstream = this.#upstream as UpstreamConnection;
    const head = upstream.head;
    let buf: Buffer;
    if (this.#in === null) {
      buf = chunk;
      head.reset(buf, 0);
    } else {
      buf = Buffer.concat([this.#in, chunk]);
      head.rebase(buf, 0);
    }
    for (;;) {
      const end = head.parse(buf.length);
      if (end === 0) {
        this.#in = buf.subarray(head.start);
        if (head.start !== 0) head.rebase(this.#in, 0);
        return;
      }
      if (end < 0) {
        this.#badResponse();
        return;
      }
      if (head.status >= 200 || (head.status === 101 && this.#upgrade)) {
        this.#in = null;
        this.#responseHead(buf, end);
        return;
      }
      if (head.status === 101) {
        this.#badResponse(); // switching protocols on a request that did not ask for it
        return;
      }
      // 1xx interim (100 Continue, 103 Early Hints): passed on to HTTP/1.1 clients, then the next
      // head; a hop's own dispatch marker is not.
      if (head.find(DISPATCHED_FIELD) < 0) this.#conn.writeInterim(head);
      if (end === buf.length) {
        this.#in = null;
        head.reset(EMPTY, 0);
        return;
      }
      head.reset(buf, end);
    }
  }

  #responseHead(buf: Buffer, end: number): void {
    const conn = this.#conn;
    const upstream = this.#upstream as UpstreamConnection;
    const head = upstream.head;
    if (head.status === 101) {
      this.#tunnel(buf, end);
      return;
    }
    this.#framing = head.framing(this.#isHead);
    this.#reusable = head.reusable && this.#framing !== BodyFraming.close && !this.#upgrade;
    this.#dechunk = this.#framing === BodyFraming.chunked && conn.decodesChunked;
    const mustClose = this.#framing === BodyFraming.close || this.#dechunk || this.#upgrade || !conn.requestBodyDone;
    const closing = conn.beginProxiedResponse(head.status, mustClose);
    conn.writeResponseHead(head, this.#framing === BodyFraming.chunked && !this.#dechunk, closing);
    this.#state = State.body;
    if (this.#framing === BodyFraming.length) {
      this.#remaining = head.contentLength;
    } else if (this.#framing === BodyFraming.chunked) {
      this.#decoder ??= new ChunkedDecoder();
      this.#decoder.reset(this.#dechunk ? this : null);
    } else if (this.#framing === BodyFraming.none) {
      if (end < buf.length) this.#reusable = false; // bytes after a bodiless response
      this.#complete();
      return;
    }
    if (end < buf.length) this.#body(buf, end);
    conn.flushResponseHead(); // no body bytes came with the head (or none to pass on yet)
  }

  /** Passes response body bytes `buf[start..]` to the client, validating the framing. */
  #body(buf: Buffer, start: number): void {
    const conn = this.#conn;
    let end = buf.length;
    let complete = false;
    switch (this.#framing) {
      case BodyFraming.length:
        if (end - start >= this.#remaining) {
          if (end - start > this.#remaining) this.#reusable = false; // more than it announced
          end = start + this.#remaining;
          complete = true;
        }
        this.#remaining -= end - start;
        break;
      case BodyFraming.chunked: {
        const decoder = this.#decoder as ChunkedDecoder;
        const stop = decoder.feed(buf, start, end);
        if (stop < 0) {
          // Broken framing after the head was sent: the client must see a truncated response.
          this.#state = State.done;
          this.#upstream?.discard();
          this.#upstream = null;
          this.#finish(Outcome.badResponse);
          conn.flushResponseHead();
          conn.destroy();
          return;
        }
        if (decoder.done) {
          if (stop < end) this.#reusable = false;
          end = stop;
          complete = true;
        }
        break;
      }
    }
    if (!this.#dechunk && end > start) {
      const bytes = start === 0 && end === buf.length ? buf : buf.subarray(start, end);
      if (complete) conn.writeLast(bytes);
      else if (!conn.writeRaw(bytes)) this.#pauseUpstream();
    }
    if (complete) this.#complete();
  }

  /** ChunkSink: a de-chunked body for an HTTP/1.0 client. */
  chunkData(buf: Buffer, start: number, end: number): void {
    if (!this.#conn.writeRaw(buf.subarray(start, end))) this.#pauseUpstream();
  }

  #pauseUpstream(): void {
    if (this.#clientPaused) return;
    this.#clientPaused = true;
    this.#upstream?.socket.pause();
    this.#onClientDrain ??= () => this.#clientDrained();
    this.#conn.onDrain(this.#onClientDrain);
  }

  #complete(): void {
    this.#state = State.done;
    const upstream = this.#upstream;
    this.#upstream = null;
    if (upstream !== null) {
      if (this.#clientPaused) upstream.socket.resume();
      if (this.#reusable && this.#requestSent) upstream.release();
      else upstream.discard();
    }
    this.#finish(Outcome.ok);
    this.#conn.responseDone();
  }

  onUpstreamGone(error: UpstreamError): void {
    this.#upstream = null;
    if (this.#state === State.body && this.#framing === BodyFraming.close && error.code === 'UPSTREAM_CLOSED') {
      this.#complete(); // a close-delimited body ends with the connection
      return;
    }
    if (this.#state === State.body) {
      // Cut mid-body: the client sees a truncated response, never a wrong one.
      this.#state = State.done;
      this.#finish(outcomeOf(error.code));
      this.#conn.destroy();
      return;
    }
    if (this.#state === State.head) this.#failed(error, true);
  }

  // ---- failures before the response ----

  #badResponse(): void {
    this.#upstream?.discard();
    this.#upstream = null;
    this.#answerFailure(Outcome.badResponse);
  }

  /**
   * No response byte reached the client: retry when that is safe (an idempotent, bodyless request
   * that cannot have been acted on: never connected, or a reset before any response byte), on the
   * next target the balancer offers, else once on a fresh connection when a reused one failed
   * (the keep-alive race). Otherwise 502/504.
   */
  #failed(error: UpstreamError, afterConnect: boolean): void {
    const onFailed = this.#forwarder.onUpstreamFailed;
    if (onFailed !== null && isUpstreamFault(error.code, afterConnect && this.#onReused)) onFailed(this.#target, error);
    if (this.#retryable && !this.#answered && !this.cancelled && isConnectionFailure(error.code)) {
      const next = this.#retries < 3 ? this.#nextTarget?.(this.#target, error) : undefined;
      if (next !== undefined) {
        this.#retry(next);
        return;
      }
      if (afterConnect && this.#onReused && !this.#retriedFresh) {
        this.#retriedFresh = true;
        this.#retry(this.#target);
        return;
      }
    }
    this.#answerFailure(outcomeOf(error.code));
  }

  #retry(target: Target): void {
    this.#retries++;
    this.#forwarder.metrics.count(Outcome.retried);
    this.#target = target;
    this.#conn.facts.upstream = target;
    this.#conn.facts.retries = this.#retries;
    this.#in = null;
    this.#upstream = null;
    this.#forwarder.pool.acquire(target, this);
  }

  #answerFailure(outcome: OutcomeCode): void {
    this.#state = State.done;
    this.#finish(outcome);
    const conn = this.#conn;
    if (conn.closed) return;
    if (conn.headersSent) {
      conn.destroy();
      return;
    }
    const page =
      outcome === Outcome.timeout
        ? Pages.gatewayTimeout
        : outcome === Outcome.busy
          ? Pages.upstreamBusy
          : Pages.badGateway;
    conn.sendPage(page, this.#requestId, !conn.requestBodyDone || this.#upgrade);
  }

  #tunnel(buf: Buffer, end: number): void {
    const conn = this.#conn;
    if (!(conn instanceof ClientConnection)) {
      this.#badResponse(); // only HTTP/1.1 connections upgrade (isUpgrade is false otherwise)
      return;
    }
    const upstream = this.#upstream as UpstreamConnection;
    this.#upstream = null;
    this.#state = State.done;
    this.#finish(Outcome.upgraded);
    conn.beginProxiedResponse(101, true);
    conn.writeRaw(buf.subarray(upstream.head.start, end));
    if (end < buf.length) conn.writeRaw(buf.subarray(end));
    const clientRest = conn.detachForTunnel();
    let toClient: ((chunk: Buffer) => void) | null = null;
    const socket = upstream.detach((chunk) => toClient?.(chunk));
    toClient = tunnel(conn.socket, socket, clientRest, this.#forwarder.tunnelIdleTimeoutMs);
  }

  /** The buffer is written or will never be: the forwarder's total no longer counts it. */
  #dropBuffer(): void {
    this.#buffered = null;
    this.#forwarder.bufferedTotal -= this.#bufferSize;
    this.#bufferSize = 0;
  }

  #finish(outcome: OutcomeCode): void {
    this.#dropBuffer();
    if (this.#upgrade && outcome !== Outcome.upgraded) outcome = Outcome.upgradeFailed;
    const metrics = this.#forwarder.metrics;
    const ms = performance.now() - this.#startMs;
    metrics.count(outcome);
    metrics.observeLatencyMs(ms);
    const facts = this.#conn.facts;
    facts.outcome = outcome;
    facts.upstreamMs = ms;
  }

  #observe(): void {
    this.#forwarder.metrics.observeLatencyMs(performance.now() - this.#startMs);
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Failures that say the upstream is unwell: it refused or did not take a connection, sent nothing
 * in time, or reset a fresh connection. A reset of a reused one may be the keep-alive race.
 */
function isUpstreamFault(code: string, onReused: boolean): boolean {
  const outcome = outcomeOf(code);
  return (
    outcome === Outcome.connectFailed || outcome === Outcome.timeout || (outcome === Outcome.upstreamReset && !onReused)
  );
}

/** Failures where the upstream cannot have acted on the request. Timeouts after connecting are not. */
function isConnectionFailure(code: string): boolean {
  const outcome = outcomeOf(code);
  return outcome === Outcome.connectFailed || outcome === Outcome.upstreamReset || code === 'CONNECT_TIMEOUT';
}

function outcomeOf(code: string): OutcomeCode {
  switch (code) {
    case 'CONNECT_TIMEOUT':
    case 'UPSTREAM_TIMEOUT':
      return Outcome.timeout;
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return Outcome.connectFailed;
    case 'UPSTREAM_BUSY':
      return Outcome.busy;
    case 'UPSTREAM_CLOSED':
    case 'ECONNRESET':
    case 'EPIPE':
      return Outcome.upstreamReset;
    default:
      return Outcome.badResponse;
  }
}
