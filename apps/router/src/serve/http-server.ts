import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ServingOptionsError } from './errors.ts';
import { type ForwardMetrics, noopMetrics, Outcome } from './metrics.ts';
import { checkRequest } from './request-checks.ts';
import { RequestIds } from './request-id.ts';
import { type Page, Pages, sendPage, writeRawPage } from './responses.ts';

export interface ServingServerOptions {
  /** Time allowed to receive the request head (slowloris bound). Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time allowed to receive the whole request, body included. Default 300 000 ms. */
  requestTimeoutMs?: number;
  /** Idle time before a client keep-alive connection is closed. Default 30 000 ms. */
  keepAliveTimeoutMs?: number;
  /**
   * A connection with a request under way but no traffic either way for this long is closed —
   * e.g. a client that stopped reading a response (the upstream is paused meanwhile). Must
   * exceed the upstream headers timeout, or slow upstreams are cut first. Default 120 000 ms.
   */
  socketIdleTimeoutMs?: number;
  /** Largest request head in bytes; larger gets 431. Default 16 384. */
  maxHeaderSize?: number;
  /** How often the timeouts above are checked. Default 1000 ms. */
  connectionsCheckingIntervalMs?: number;
  metrics?: ForwardMetrics;
  /** Ids for the router's own error pages. */
  requestIds?: RequestIds;
}

/** Called for every request that passed the checks; `req.url` is in origin form. */
export type OnRequest = (req: IncomingMessage, res: ServerResponse) => void;
/** Called for every `Upgrade:` request that passed the checks; owns `socket` from then on. */
export type OnUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => void;

export interface ServingServer {
  readonly server: Server;
  readonly draining: boolean;
  /** Listens with `reusePort`, so several serving threads can share the address. */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Stops accepting, lets requests in flight finish (their responses say
   * `Connection: close`; idle keep-alive connections are closed), then closes whatever is
   * still open after `timeoutMs`, upgraded tunnels included. Resolves once all are closed.
   */
  drain(timeoutMs: number): Promise<void>;
}

interface DrainState {
  draining: boolean;
}

/**
 * A `node:http` server set up for an edge: bounded timeouts and head size, strict parser,
 * requests checked (Host, request target, CONNECT) before `onRequest` sees them, client errors
 * answered with 400/408/431 and the connection closed.
 */
export function createServingServer(
  options: ServingServerOptions,
  onRequest: OnRequest,
  onUpgrade?: OnUpgrade,
): ServingServer {
  const headersTimeout = positive(options.headersTimeoutMs ?? 10_000, 'headersTimeoutMs');
  const requestTimeout = positive(options.requestTimeoutMs ?? 300_000, 'requestTimeoutMs');
  if (headersTimeout > requestTimeout) {
    throw new ServingOptionsError('headersTimeoutMs must not exceed requestTimeoutMs');
  }
  const metrics = options.metrics ?? noopMetrics;
  const ids = options.requestIds ?? new RequestIds();
  const state: DrainState = { draining: false };
  const upgraded = new Set<Socket>();

  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: positive(options.keepAliveTimeoutMs ?? 30_000, 'keepAliveTimeoutMs'),
      maxHeaderSize: positive(options.maxHeaderSize ?? 16_384, 'maxHeaderSize'),
      connectionsCheckingInterval: positive(
        options.connectionsCheckingIntervalMs ?? 1000,
        'connectionsCheckingIntervalMs',
      ),
      insecureHTTPParser: false,
      requireHostHeader: false, // checked here, with the router's own 400 page
      ServerResponse: drainAwareResponse(state),
    },
    (req, res) => {
      const rejected = checkRequest(req);
      if (rejected !== null) {
        reject(res, rejected);
        return;
      }
      onRequest(req, res);
    },
  );

  // With no 'timeout' listener on the server, Node destroys a socket idle for this long.
  server.setTimeout(positive(options.socketIdleTimeoutMs ?? 120_000, 'socketIdleTimeoutMs'));

  function reject(res: ServerResponse, page: Page): void {
    metrics.count(Outcome.rejected);
    res.shouldKeepAlive = false;
    sendPage(res, page, ids.next());
  }

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const rejected = state.draining
      ? Pages.shuttingDown
      : (checkRequest(req) ?? (onUpgrade ? null : Pages.upgradeUnsupported));
    if (rejected !== null || onUpgrade === undefined) {
      metrics.count(Outcome.rejected);
      writeRawPage(socket, rejected ?? Pages.upgradeUnsupported, ids.next());
      return;
    }
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    onUpgrade(req, socket, head);
  });

  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    metrics.count(Outcome.rejected);
    writeRawPage(socket, Pages.methodNotAllowed, ids.next());
  });

  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    // Never write into a response already under way: that would corrupt what the client reads.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    metrics.count(Outcome.rejected);
    writeRawPage(socket, clientErrorPage(err.code), ids.next());
  });

  let drained: Promise<void> | null = null;

  return {
    server,
    get draining() {
      return state.draining;
    },
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host, reusePort: true }, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    drain(timeoutMs) {
      drained ??= new Promise<void>((resolve) => {
        state.draining = true;
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          for (const socket of upgraded) socket.destroy();
        }, timeoutMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
      });
      return drained;
    },
  };
}

function clientErrorPage(code: string | undefined): Page {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return Pages.headersTooLarge;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADER_TIMEOUT':
      return Pages.requestTimeout;
    default:
      return Pages.badRequest;
  }
}

/** Responses that say `Connection: close` once the server is draining. */
function drainAwareResponse(state: DrainState): typeof ServerResponse {
  class DrainAwareResponse extends ServerResponse {
    // biome-ignore lint/suspicious/noExplicitAny: forwards Node's overloaded signature unchanged
    override writeHead(statusCode: number, reason?: any, headers?: any): this {
      if (state.draining) this.shouldKeepAlive = false;
      return super.writeHead(statusCode, reason, headers);
    }
  }
  return DrainAwareResponse as unknown as typeof ServerResponse;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ServingOptionsError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}
