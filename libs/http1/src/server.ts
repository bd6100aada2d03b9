import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { ClientConnection } from './client-connection.ts';
import { EngineOptionsError, positive } from './errors.ts';
import { type ForwardMetrics, noopMetrics } from './metrics.ts';
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
  metrics?: ForwardMetrics;
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
    this.#ctx = new Context(options, handler);
    this.server = createServer({ allowHalfOpen: true, noDelay: true }, (socket: Socket) => this.accept(socket));
    const interval = positive(options.checkIntervalMs ?? 1000, 'checkIntervalMs');
    this.#sweep = setInterval(() => this.#checkTimeouts(), interval).unref();
  }

  get draining(): boolean {
    return this.#ctx.draining;
  }

  get connectionCount(): number {
    return this.#ctx.connections.size;
  }

  /**
   * Serves a connection accepted elsewhere: a TLS listener hands over its `TLSSocket`s after the
   * handshake (ALPN `http/1.1` or none), and they are served like plain ones.
   */
  accept(socket: Socket): void {
    if (this.#ctx.draining) {
      socket.destroy();
      return;
    }
    this.#ctx.connections.add(new ClientConnection(socket, this.#ctx));
  }

  listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    return listenShared(this.server, port, host);
  }

  /**
   * Stops accepting, lets requests in flight finish (their responses say `Connection: close`;
   * idle keep-alive connections are closed), then destroys whatever is still open after
   * `timeoutMs`, tunnels included. Resolves once all are closed.
   */
  drain(timeoutMs: number): Promise<void> {
    this.#drained ??= new Promise<void>((resolve) => {
      const ctx = this.#ctx;
      ctx.draining = true;
      for (const conn of ctx.connections) conn.drain();
      const deadline = setTimeout(() => {
        for (const conn of ctx.connections) conn.destroy();
      }, timeoutMs);
      const poll = setInterval(() => {
        for (const conn of ctx.connections) conn.drain();
        if (ctx.connections.size === 0) done();
      }, 50);
      let listenerClosed = false;
      const done = (): void => {
        if (!listenerClosed || ctx.connections.size > 0) return;
        clearInterval(poll);
        clearTimeout(deadline);
        clearInterval(this.#sweep);
        resolve();
      };
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
  draining = false;
  readonly #handler: RequestHandler;
  readonly #onComplete: ((conn: ClientConnection) => void) | undefined;
  readonly #onRequestEnd: ((conn: ClientConnection) => void) | undefined;

  constructor(options: HttpServerOptions, handler: RequestHandler) {
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
    this.#handler = handler;
    this.#onComplete = options.onComplete;
    this.#onRequestEnd = options.onRequestEnd;
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
  }
}
