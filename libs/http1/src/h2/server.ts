import type { TLSSocket } from 'node:tls';
import { EngineOptionsError, positive } from '../errors.ts';
import type { ClientExchange } from '../exchange.ts';
import { type ForwardMetrics, noopMetrics } from '../metrics.ts';
import type { HeadLimits } from '../parse/fields.ts';
import { RequestIds } from '../request-id.ts';
import type { H2ConnectionLimits } from './connection.ts';
import { H2Session, type H2SessionContext } from './session.ts';

export interface H2ServerOptions {
  /** Time allowed for the client's connection preface (its first SETTINGS). Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time allowed to receive a whole request, body included. Default 300 000 ms. */
  requestTimeoutMs?: number;
  /** A connection with no stream open for this long is closed (GOAWAY). Default 30 000 ms. */
  keepAliveTimeoutMs?: number;
  /**
   * A stream with a request under way but no progress either way for this long is reset — e.g. a
   * client that stopped reading its response (counted `h2SlowReader`). Default 120 000 ms.
   */
  streamIdleTimeoutMs?: number;
  /** Largest request header list (RFC 9113 sizes: name + value + 32 per field); larger gets 431. Default 16 384. */
  maxHeaderListSize?: number;
  /** Most header fields in a request; more gets 431. Default 256. */
  maxHeaderCount?: number;
  /**
   * SETTINGS_MAX_CONCURRENT_STREAMS; streams past it are refused (REFUSED_STREAM), and a client that
   * keeps opening them once it acknowledged our SETTINGS loses the connection. Default 128.
   */
  maxConcurrentStreams?: number;
  /**
   * Response bytes a connection buffers for its socket (a client not reading TCP) before its streams
   * stop reading their upstreams. Default 4 MiB.
   */
  maxSessionMemoryMb?: number;
  /** Frames that carry nothing (empty DATA/CONTINUATION, PRIORITY, unknown types), per second. Default 1000. */
  maxEmptyFramesPerSecond?: number;
  /** Streams a client may reset before their response is complete, per second (rapid reset). Default 200. */
  maxResetsPerSecond?: number;
  /** PING frames per second per connection. Default 50. */
  maxPingsPerSecond?: number;
  /** SETTINGS frames per second per connection. Default 20. */
  maxSettingsPerSecond?: number;
  /** Requests refused with 431 on one connection before it is closed. Default 4. */
  maxOversizedHeaderLists?: number;
  /** How often the timeouts are checked and the per-second counts restart. Default 1000 ms. */
  checkIntervalMs?: number;
  metrics?: ForwardMetrics;
  /** Ids for the engine's own error pages. */
  requestIds?: RequestIds;
  /** Told when a response to a dispatched request is complete (per-request accounting). */
  onComplete?: (exchange: ClientExchange) => void;
  /**
   * Told once per request when it is over, `exchange.facts.end` saying how: completed (after
   * `onComplete`), aborted (the stream or connection gone first), or refused before dispatch
   * (421, 431, …). As `HttpServerOptions.onRequestEnd`, for access logs.
   */
  onRequestEnd?: (exchange: ClientExchange) => void;
}

/**
 * HTTP/2 for clients, on TLS connections accepted elsewhere (ALPN `h2`): the engine's own framing
 * layer (`H2Connection`: frames, HPACK, flow control — no node:http2) speaks the protocol, and every
 * stream goes to the same request handler as HTTP/1.1 requests, as a `ClientExchange` — routed by
 * `:authority`, forwarded to HTTP/1.1 upstreams by the engine's Forwarder. Limits against the known
 * HTTP/2 attacks are set here and enforced by `H2Connection` and `H2Session`.
 */
export class H2Server {
  readonly #ctx: Context;
  readonly #sweep: NodeJS.Timeout;
  #drained: Promise<void> | null = null;

  constructor(options: H2ServerOptions, handler: (exchange: ClientExchange) => void) {
    const interval = positive(options.checkIntervalMs ?? 1000, 'checkIntervalMs');
    this.#ctx = new Context(options, handler, interval);
    this.#sweep = setInterval(() => this.#checkTimeouts(), interval).unref();
  }

  get draining(): boolean {
    return this.#ctx.draining;
  }

  get sessionCount(): number {
    return this.#ctx.sessions.size;
  }

  /**
   * Serves a TLS connection whose handshake chose ALPN `h2`. `covers(host)` says whether the
   * connection's certificate covers a host (lower-case, no port, no trailing dot): streams for
   * other hosts get 421 Misdirected Request.
   */
  accept(socket: TLSSocket, covers: (host: string) => boolean): void {
    if (this.#ctx.draining) {
      socket.destroy();
      return;
    }
    this.#ctx.sessions.add(new H2Session(this.#ctx, socket, covers));
  }

  /**
   * Sends GOAWAY on every connection and lets the streams under way finish, refusing new ones;
   * destroys whatever is still open after `timeoutMs`. Resolves once all are closed.
   */
  drain(timeoutMs: number): Promise<void> {
    this.#drained ??= new Promise<void>((resolve) => {
      const ctx = this.#ctx;
      ctx.draining = true;
      for (const session of ctx.sessions) session.close();
      let late = false;
      const deadline = setTimeout(() => {
        late = true;
        for (const session of ctx.sessions) session.destroy();
      }, timeoutMs);
      const poll = setInterval(() => {
        // Past the deadline, a connection whose client has not closed its side is cut.
        if (late) for (const session of ctx.sessions) session.destroy();
        if (ctx.sessions.size > 0) return;
        clearInterval(poll);
        clearTimeout(deadline);
        clearInterval(this.#sweep);
        resolve();
      }, 50);
    });
    return this.#drained;
  }

  #checkTimeouts(): void {
    const now = this.#ctx.now();
    for (const session of this.#ctx.sessions) session.checkTimeouts(now);
  }
}

class Context implements H2SessionContext {
  readonly limits: HeadLimits;
  readonly maxHeaderListSize: number;
  readonly maxHeaderCount: number;
  readonly connectionLimits: H2ConnectionLimits;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly closeGraceMs = 5000;
  readonly maxOversizedHeaderLists: number;
  readonly metrics: ForwardMetrics;
  readonly requestIds: RequestIds;
  readonly sessions = new Set<H2Session>();
  draining = false;
  readonly #handler: (exchange: ClientExchange) => void;
  readonly #onComplete: ((exchange: ClientExchange) => void) | undefined;
  readonly #onRequestEnd: ((exchange: ClientExchange) => void) | undefined;

  constructor(options: H2ServerOptions, handler: (exchange: ClientExchange) => void, intervalMs: number) {
    this.headersTimeoutMs = positive(options.headersTimeoutMs ?? 10_000, 'headersTimeoutMs');
    this.requestTimeoutMs = positive(options.requestTimeoutMs ?? 300_000, 'requestTimeoutMs');
    if (this.headersTimeoutMs > this.requestTimeoutMs) {
      throw new EngineOptionsError('headersTimeoutMs must not exceed requestTimeoutMs');
    }
    this.keepAliveTimeoutMs = positive(options.keepAliveTimeoutMs ?? 30_000, 'keepAliveTimeoutMs');
    this.streamIdleTimeoutMs = positive(options.streamIdleTimeoutMs ?? 120_000, 'streamIdleTimeoutMs');
    this.maxHeaderListSize = positive(options.maxHeaderListSize ?? 16_384, 'maxHeaderListSize');
    this.maxHeaderCount = positive(options.maxHeaderCount ?? 256, 'maxHeaderCount');
    const maxConcurrentStreams = positive(options.maxConcurrentStreams ?? 128, 'maxConcurrentStreams');
    const perInterval = (perSecond: number, name: string): number =>
      Math.max(1, Math.round((positive(perSecond, name) * intervalMs) / 1000));
    this.connectionLimits = {
      maxConcurrentStreams,
      // Past our own limit the request gets 431; past twice it, the stream is reset and the rest of
      // its block is decoded only as far as the HPACK table needs (an expansion bomb never becomes strings).
      maxHeaderListSize: this.maxHeaderListSize * 2,
      maxHeaderCount: this.maxHeaderCount + 8,
      maxHeaderBlockSize: Math.max(65_536, this.maxHeaderListSize * 2),
      initialWindowSize: 65_535,
      connectionWindowSize: 1 << 20,
      maxSettingsEntries: 32,
      maxBufferedBytes: positive(options.maxSessionMemoryMb ?? 4, 'maxSessionMemoryMb') * 1024 * 1024,
      maxResetsPerInterval: perInterval(options.maxResetsPerSecond ?? 200, 'maxResetsPerSecond'),
      maxPingsPerInterval: perInterval(options.maxPingsPerSecond ?? 50, 'maxPingsPerSecond'),
      maxSettingsPerInterval: perInterval(options.maxSettingsPerSecond ?? 20, 'maxSettingsPerSecond'),
      maxEmptyFramesPerInterval: perInterval(options.maxEmptyFramesPerSecond ?? 1000, 'maxEmptyFramesPerSecond'),
      maxRefusedPerInterval: Math.max(1, maxConcurrentStreams >> 3),
    };
    this.maxOversizedHeaderLists = positive(options.maxOversizedHeaderLists ?? 4, 'maxOversizedHeaderLists');
    // The equivalent HTTP/1.1 head is at most the header list plus the request line and CRLFs.
    this.limits = { maxHeadBytes: this.maxHeaderListSize + 1024, maxFields: this.maxHeaderCount + 1 };
    this.metrics = options.metrics ?? noopMetrics;
    this.requestIds = options.requestIds ?? new RequestIds();
    this.#handler = handler;
    this.#onComplete = options.onComplete;
    this.#onRequestEnd = options.onRequestEnd;
  }

  now(): number {
    return performance.now();
  }

  handle(exchange: ClientExchange): void {
    this.#handler(exchange);
  }

  completed(exchange: ClientExchange): void {
    this.#onComplete?.(exchange);
  }

  ended(exchange: ClientExchange): void {
    this.#onRequestEnd?.(exchange);
  }

  forget(session: H2Session): void {
    this.sessions.delete(session);
  }
}
