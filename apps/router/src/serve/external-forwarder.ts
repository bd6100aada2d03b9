import { Readable } from 'node:stream';
import {
  type ClientConnection,
  type ExchangeObserver,
  type ForwardMetrics,
  noopMetrics,
  Outcome,
  type OutcomeCode,
  Pages,
  Peers,
  type RequestIds,
  upstreamFieldList,
} from '@switchyard/http1';
import type { Dispatcher } from 'undici';
import { ClientClosedError } from './errors.ts';
import type { Target, UpstreamPools } from './upstream-pools.ts';

export interface ExternalForwarderOptions {
  pools: UpstreamPools;
  requestIds: RequestIds;
  metrics?: ForwardMetrics;
  trustedHops?: readonly string[];
}

/**
 * Sends a request to an absolute http(s) URL instead of its own path — a static site's rewrite to
 * an external origin — through undici (TLS, DNS, a general client). Same field hygiene as the
 * engine's forwarder; `Host` becomes the URL's host (the client's stays in X-Forwarded-Host). The
 * URL comes from the site's rules (its owner chose the origin; see docs/static-sites.md).
 */
export class ExternalForwarder {
  readonly pools: UpstreamPools;
  readonly requestIds: RequestIds;
  readonly metrics: ForwardMetrics;
  readonly peers: Peers;

  constructor(options: ExternalForwarderOptions) {
    this.pools = options.pools;
    this.requestIds = options.requestIds;
    this.metrics = options.metrics ?? noopMetrics;
    this.peers = new Peers(options.trustedHops);
  }

  forward(conn: ClientConnection, url: URL): void {
    if (conn.closed) {
      this.metrics.count(Outcome.clientClosed);
      return;
    }
    const tls = url.protocol === 'https:';
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const target: Target = { host, port: url.port === '' ? (tls ? 443 : 80) : Number(url.port), tls };
    const forwarding = this.peers.forwardingOf(conn, this.requestIds, null);
    const headers = upstreamFieldList(conn, forwarding, url.host);
    const exchange = new UndiciExchange(this, conn, forwarding.requestId);
    conn.observe(exchange);
    this.pools.get(target).dispatch(
      {
        path: `${url.pathname}${url.search}`,
        method: conn.method as Dispatcher.HttpMethod,
        headers,
        body: conn.hasBody ? bodyOf(conn) : null,
      },
      exchange,
    );
  }
}

/** The request body, de-framed, as a stream undici can send (with backpressure both ways). */
function bodyOf(conn: ClientConnection): Readable {
  const stream = new Readable({
    read() {
      conn.resumeBody();
    },
  });
  conn.readBody(
    {
      onBodyData: (buf, start, end) => stream.push(Buffer.from(buf.subarray(start, end))),
      onBodyEnd: () => stream.push(null),
      onBodyError: () => stream.destroy(new Error('invalid chunked framing in the request body')),
    },
    true,
  );
  return stream;
}

/** Response fields that describe the upstream connection and are never passed to the client. */
const RESPONSE_HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

class UndiciExchange implements Dispatcher.DispatchHandler, ExchangeObserver {
  readonly #forwarder: ExternalForwarder;
  readonly #conn: ClientConnection;
  readonly #requestId: string;
  readonly #startMs = performance.now();
  #controller: Dispatcher.DispatchController | null = null;
  #done = false;
  #clientGone = false;

  constructor(forwarder: ExternalForwarder, conn: ClientConnection, requestId: string) {
    this.#forwarder = forwarder;
    this.#conn = conn;
    this.#requestId = requestId;
  }

  onExchangeEnd(completed: boolean): void {
    if (completed || this.#done) return;
    this.#clientGone = true;
    this.#controller?.abort(new ClientClosedError());
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#clientGone) controller.abort(new ClientClosedError());
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    if (statusCode < 200) return; // 1xx interim responses are not relayed
    const connection = headers.connection;
    const named = (Array.isArray(connection) ? connection.join(',') : (connection ?? ''))
      .toLowerCase()
      .split(',')
      .map((t) => t.trim());
    const raw = Array.isArray(controller.rawHeaders) ? (controller.rawHeaders as (Buffer | string)[]) : [];
    const out: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const name = String(raw[i]);
      const lower = name.toLowerCase();
      if (RESPONSE_HOP_BY_HOP.has(lower) || named.includes(lower)) continue;
      out.push(name, String(raw[i + 1] ?? ''));
    }
    this.#conn.writeHead(statusCode, out, statusMessage || undefined);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#conn.write(chunk)) return;
    controller.pause();
    this.#conn.onDrain(() => controller.resume());
  }

  onResponseEnd(): void {
    this.#finish(Outcome.ok);
    this.#conn.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.#clientGone) {
      this.#finish(Outcome.clientClosed);
      return;
    }
    const outcome = outcomeOf(error);
    this.#finish(outcome);
    const conn = this.#conn;
    if (conn.headersSent) {
      conn.destroy(); // too late for a page: the client sees a truncated response
      return;
    }
    conn.sendPage(outcome === Outcome.timeout ? Pages.gatewayTimeout : Pages.badGateway, this.#requestId, true);
  }

  #finish(outcome: OutcomeCode): void {
    this.#done = true;
    const metrics = this.#forwarder.metrics;
    metrics.count(outcome);
    metrics.observeLatencyMs(performance.now() - this.#startMs);
  }
}

function outcomeOf(error: Error): OutcomeCode {
  switch ((error as { code?: unknown }).code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return Outcome.timeout;
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return Outcome.connectFailed;
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
      return Outcome.upstreamReset;
    default:
      return Outcome.badResponse;
  }
}
