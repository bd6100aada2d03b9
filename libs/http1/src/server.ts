import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { ClientConnection } from './client-connection.ts';
import { ConnectionLimit, Refusals } from './connection-limit.ts';
import { EngineOptionsError, positive } from './errors.ts';
import { type ConnectionMetrics, type ForwardMetrics, noopMetrics } from './metrics.ts';
import type { HeadLimits } from './parse/fields.ts';
import { RequestIds } from './request-id.ts';
import type { ServerContext } from './server-context.ts';

export interface HttpServerOptions {
  /** Time allowed to receive a request head (slowloris bound). Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time allowed to receive the whole request, body included. Default 300 000 ms. */
  requestTimeoutMs?: number;
  /** Idle time before a keep-alive connection is closed. Default 30 000 ms. */
  keepAliveTimeoutMs?: number;
  /**
   * A connection with a request under way but no traffic either way for this long is closed —
   * e.g. a client that stopped reading a response. Must exceed the upstream's headers timeout,
   * or slow upstreams are cut first. Default 120 000 ms.
   */
  socketIdleTimeoutMs?: number;
  /** Largest request head in bytes; larger gets 431. Default 16 384. */
  maxHeaderSize?: number;
  /** Most header fields in a request; more gets 431. Default 256. */
  maxHeaderCount?: number;
  /** How often the timeouts above are checked. Default 1000 ms. */
  checkIntervalMs?: number;
  /**
   * Most connections served at once (tunnels included). A connection past it waits, unread, until
   * one closes (HAProxy's `maxconn`); see connection-limit.ts. Default 10 000.
   */
  maxConnections?: number;
  /**
   * Most connections waiting for a slot; past it, and after waiting `headersTimeoutMs`, a
   * connection is answered 503 (`Retry-After: 1`) and closed. Default 1024.
   */
  maxWaitingConnections?: number;
  metrics?: ForwardMetrics;
  /** Told of connections that waited or were refused at the limit, and of the open count. */
  connectionMetrics?: ConnectionMetrics;
  /** Ids for the engine's own error pages. */
  requestIds?: RequestIds;
  /** Told when a response to a dispatched request is complete (per-request accounting). */
  onComplete?: (conn: ClientConnection) => void;
  /**
   * Told once per request when it is over, `conn.facts.end` saying how: its response complete
   * (after `onComplete`), the connection gone before that, an upgraded connection's tunnel closed
   * (one call for its whole life), or refused by the engine before dispatch (with the page's status).
   * For access logs: `conn` and its head and facts are intact until this returns.
   */
  onRequestEnd?: (conn: ClientConnection) => void;
}

/** After the drain period, how long an idle connection closed with a FIN may wait for the client's. */
const DRAIN_CLOSE_GRACE_MS = 1000;

/** Called for every request head that passed the parser's checks. */
export type RequestHandler = (conn: ClientConnection) => void;

/**
 * An HTTP/1.1 server on raw `net` sockets: a listener (reusePort, so several serving threads can
 * share the address), its connections, one sweep that enforces every connection's timeouts, and
 * drain.
 */
export class HttpServer {
  readonly server: Server;
  readonly #ctx: Context;
  readonly #sweep: NodeJS.Timeout;
  #drained: Promise<void> | null = null;

  constructor(options: HttpServerOptions, handler: RequestHandler) {
    const ctx = new Context(options, handler, () => this.#admitWaiting());
    this.#ctx = ctx;
    // Paused until served: a connection over the limit is not read while it waits.
    this.server = createServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true }, (socket: Socket) =>
      this.accept(socket),
    );
    const interval = positive(options.checkIntervalMs ?? 1000, 'checkIntervalMs');
    this.#sweep = setInterval(() => this.#checkTimeouts(), interval).unref();
  }

  get draining(): boolean {
    return this.#ctx.draining;
  }

  get connectionCount(): number {
    return this.#ctx.connections.size;
  }

  /** Connections waiting for a slot (the server is at `maxConnections`). */
  get waitingCount(): number {
    return this.#ctx.limit.waiting;
  }

  /**
   * Serves a connection accepted elsewhere: a TLS listener hands over its `TLSSocket`s after the
   * handshake (ALPN `http/1.1` or none), and they are served like plain ones — under the same
   * connection limit. One handed over while draining (its handshake began before) is still served,
   * its answer saying `Connection: close`; after the drain period it is closed.
   */
  accept(socket: Socket): void {
    const ctx = this.#ctx;
    if (ctx.drainOver) {
      socket.destroy();
      return;
    }
    if (ctx.connections.size < ctx.limit.max && ctx.limit.waiting === 0) this.#serve(socket);
    else ctx.limit.wait(socket, ctx.now());
  }

  listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    return listenShared(this.server, port, host);
  }

  /**
   * Drains for `periodMs`: stops accepting at once; from then on every response says
   * `Connection: close` and its connection closes after it. Idle keep-alive connections are kept
   * open, not cut (a client may be sending on one at this very instant: it gets an answer, with
   * `Connection: close`), until the period ends; then the idle ones close cleanly and whatever is
   * still busy, tunnels included, is cut. Resolves once every connection is closed (early when
   * none is left).
   */
  drain(periodMs: number): Promise<void> {
    this.#drained ??= new Promise<void>((resolve) => {
      const ctx = this.#ctx;
      ctx.draining = true;
      let listenerClosed = false;
      const done = (): void => {
        if (!listenerClosed || ctx.connections.size > 0 || ctx.limit.waiting > 0) return;
        ctx.drainOver = true;
        clearInterval(poll);
        clearTimeout(deadline);
        clearTimeout(hardStop);
        clearInterval(this.#sweep);
        resolve();
      };
      const poll = setInterval(done, 50);
      const deadline = setTimeout(() => {
        ctx.drainOver = true;
        ctx.limit.refuseAll(Refusals.shuttingDown);
        for (const conn of ctx.connections) conn.endDrain();
      }, periodMs);
      // A client that does not close its side after our FIN does not hold the drain up.
      const hardStop = setTimeout(() => {
        for (const conn of ctx.connections) conn.destroy();
      }, periodMs + DRAIN_CLOSE_GRACE_MS);
      this.server.close(() => {
        listenerClosed = true;
        done();
      });
    });
    return this.#drained;
  }

  #checkTimeouts(): void {
    const now = this.#ctx.now();
    for (const conn of this.#ctx.connections) conn.checkTimeouts(now);
    if (this.#ctx.limit.waiting > 0) this.#ctx.limit.sweep(now);
  }

  #serve(socket: Socket): void {
    const ctx = this.#ctx;
    ctx.connections.add(new ClientConnection(socket, ctx));
    ctx.connectionMetrics?.openConnections(ctx.connections.size);
    socket.resume();
  }

  /** A connection closed: the oldest waiting ones take the free slots. */
  #admitWaiting(): void {
    const ctx = this.#ctx;
    while (ctx.limit.waiting > 0 && ctx.connections.size < ctx.limit.max) {
      const socket = ctx.limit.next();
      if (socket === undefined) return;
      this.#serve(socket);
    }
  }
}

/** Listens with reusePort, so that every serving thread can bind the same address. */
export function listenShared(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, reusePort: true }, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

class Context implements ServerContext {
  readonly limits: HeadLimits;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly socketIdleTimeoutMs: number;
  readonly closeGraceMs = 5000;
  readonly metrics: ForwardMetrics;
  readonly requestIds: RequestIds;
  readonly connections = new Set<ClientConnection>();
  readonly limit: ConnectionLimit;
  readonly connectionMetrics: ConnectionMetrics | undefined;
  draining = false;
  /** The drain period is over (or the drain finished): nothing more is served. */
  drainOver = false;
  readonly #handler: RequestHandler;
  readonly #onComplete: ((conn: ClientConnection) => void) | undefined;
  readonly #onRequestEnd: ((conn: ClientConnection) => void) | undefined;
  readonly #onForget: () => void;

  constructor(options: HttpServerOptions, handler: RequestHandler, onForget: () => void) {
    this.headersTimeoutMs = positive(options.headersTimeoutMs ?? 10_000, 'headersTimeoutMs');
    this.requestTimeoutMs = positive(options.requestTimeoutMs ?? 300_000, 'requestTimeoutMs');
    if (this.headersTimeoutMs > this.requestTimeoutMs) {
      throw new EngineOptionsError('headersTimeoutMs must not exceed requestTimeoutMs');
    }
    this.keepAliveTimeoutMs = positive(options.keepAliveTimeoutMs ?? 30_000, 'keepAliveTimeoutMs');
    this.socketIdleTimeoutMs = positive(options.socketIdleTimeoutMs ?? 120_000, 'socketIdleTimeoutMs');
    this.limits = {
      maxHeadBytes: positive(options.maxHeaderSize ?? 16_384, 'maxHeaderSize'),
      maxFields: positive(options.maxHeaderCount ?? 256, 'maxHeaderCount'),
    };
    this.metrics = options.metrics ?? noopMetrics;
    this.requestIds = options.requestIds ?? new RequestIds();
    this.connectionMetrics = options.connectionMetrics;
    this.limit = new ConnectionLimit(
      positive(options.maxConnections ?? 10_000, 'maxConnections'),
      positive(options.maxWaitingConnections ?? 1024, 'maxWaitingConnections'),
      this.headersTimeoutMs,
      this.requestIds,
      this.connectionMetrics,
    );
    this.#handler = handler;
    this.#onComplete = options.onComplete;
    this.#onRequestEnd = options.onRequestEnd;
    this.#onForget = onForget;
  }

  now(): number {
    return performance.now();
  }

  handle(conn: ClientConnection): void {
    this.#handler(conn);
  }

  completed(conn: ClientConnection): void {
    this.#onComplete?.(conn);
  }

  ended(conn: ClientConnection): void {
    this.#onRequestEnd?.(conn);
  }

  forget(conn: ClientConnection): void {
    this.connections.delete(conn);
    this.connectionMetrics?.openConnections(this.connections.size);
    if (this.limit.waiting > 0) this.#onForget();
  }
}
