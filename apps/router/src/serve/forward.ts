import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { ClientClosedError } from './errors.ts';
import { type ForwardMetrics, noopMetrics, Outcome, type OutcomeCode } from './metrics.ts';
import { Peers } from './peers.ts';
import type { RequestIds } from './request-id.ts';
import { Pages, sendPage } from './responses.ts';
import { clientResponseHeaders, upstreamRequestHeaders } from './upstream-headers.ts';
import type { Target, UpstreamPools } from './upstream-pools.ts';

export interface ForwarderOptions {
  pools: UpstreamPools;
  requestIds: RequestIds;
  metrics?: ForwardMetrics;
  /** Peers whose X-Forwarded-* and X-Request-Id are kept (addresses or CIDR ranges). */
  trustedHops?: readonly string[];
  /** Value of X-Forwarded-Proto for requests from untrusted peers. Default `http`. */
  proto?: string;
}

/**
 * Called after a connection-level failure of an idempotent, bodyless request that received
 * no response byte: return another target to try, or undefined to answer 502/504. The caller's
 * load balancer uses it to skip the failed instance for a while.
 */
export type NextTarget = (failed: Target, error: Error) => Target | undefined;

const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Forwards requests whose target is already decided. One per serving thread.
 */
export class Forwarder {
  readonly pools: UpstreamPools;
  readonly requestIds: RequestIds;
  readonly metrics: ForwardMetrics;
  readonly peers: Peers;

  constructor(options: ForwarderOptions) {
    this.pools = options.pools;
    this.requestIds = options.requestIds;
    this.metrics = options.metrics ?? noopMetrics;
    this.peers = new Peers(options.trustedHops, options.proto);
  }

  /**
   * Sends `req` to `target` and streams the answer into `res`. `extraHeaders` (flat
   * `[name, value, …]`) are added after the client's headers were cleaned, e.g.
   * `['x-switchyard-service-id', id]` for the activator.
   */
  forward(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    extraHeaders: readonly string[] | null = null,
    nextTarget: NextTarget | null = null,
  ): void {
    if (res.destroyed) {
      // Gone before we started (its 'close' already fired): nothing to forward.
      this.metrics.count(Outcome.clientClosed);
      return;
    }
    const who = this.peers.describe(req, this.requestIds.next());
    const { headers, requestId } = upstreamRequestHeaders(req, who, extraHeaders, false);
    const bodyless = !hasBody(req);
    const exchange = new Exchange(this, req, res, target, req.url ?? '/', headers, requestId, bodyless, nextTarget);
    res.on('close', exchange.onClientClose);
    exchange.dispatch();
  }

  /**
   * Sends `req` to an absolute http(s) URL instead of its own path — a static site's rewrite to
   * an external origin. Same header hygiene as `forward`; `Host` becomes the URL's host (the
   * client's stays in `X-Forwarded-Host`). No retry on another target: there is only one.
   * The URL comes from the site's rules (its owner chose the origin; see docs/static-sites.md).
   */
  forwardToUrl(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (res.destroyed) {
      this.metrics.count(Outcome.clientClosed);
      return;
    }
    const tls = url.protocol === 'https:';
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const target: Target = { host, port: url.port === '' ? (tls ? 443 : 80) : Number(url.port), tls };
    const who = this.peers.describe(req, this.requestIds.next());
    const { headers, requestId } = upstreamRequestHeaders(req, who, null, false);
    for (let i = 0; i < headers.length; i += 2) {
      if ((headers[i] as string).toLowerCase() === 'host') headers[i + 1] = url.host;
    }
    const path = `${url.pathname}${url.search}`;
    const exchange = new Exchange(this, req, res, target, path, headers, requestId, !hasBody(req), null);
    res.on('close', exchange.onClientClose);
    exchange.dispatch();
  }
}

/** RFC 9112 §6.3: a request has a body iff it carries Transfer-Encoding or a Content-Length. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** One request on its way upstream and its response on the way back: undici's handler. */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #forwarder: Forwarder;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #path: string;
  readonly #headers: string[];
  readonly #requestId: string;
  readonly #bodyless: boolean;
  readonly #retryable: boolean;
  readonly #nextTarget: NextTarget | null;
  readonly #startMs = performance.now();
  #target: Target;
  #controller: Dispatcher.DispatchController | null = null;
  #responded = false;
  #done = false;
  #clientGone = false;
  #drainListening = false;

  constructor(
    forwarder: Forwarder,
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    path: string,
    headers: string[],
    requestId: string,
    bodyless: boolean,
    nextTarget: NextTarget | null,
  ) {
    this.#forwarder = forwarder;
    this.#req = req;
    this.#res = res;
    this.#target = target;
    this.#path = path;
    this.#headers = headers;
    this.#requestId = requestId;
    this.#bodyless = bodyless;
    this.#retryable = bodyless && RETRYABLE_METHODS.has(req.method ?? '');
    this.#nextTarget = nextTarget;
  }

  dispatch(): void {
    const req = this.#req;
    this.#forwarder.pools.get(this.#target).dispatch(
      {
        path: this.#path,
        method: req.method as Dispatcher.HttpMethod,
        headers: this.#headers,
        body: this.#bodyless ? null : req,
      },
      this,
    );
  }

  readonly onClientClose = (): void => {
    if (this.#done) return;
    this.#clientGone = true;
    this.#controller?.abort(new ClientClosedError());
  };

  readonly #onDrain = (): void => {
    this.#controller?.resume();
  };

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
    this.#responded = true;
    const connection = headers.connection;
    const list = clientResponseHeaders(
      Array.isArray(controller.rawHeaders) ? controller.rawHeaders : [],
      Array.isArray(connection) ? connection.join(',') : connection,
    );
    // An invalid status or header value throws; undici then reports it through onResponseError.
    this.#res.writeHead(statusCode, statusMessage || undefined, list);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#res.write(chunk)) return;
    controller.pause();
    if (!this.#drainListening) {
      this.#drainListening = true;
      this.#res.on('drain', this.#onDrain);
    }
  }

  onResponseEnd(): void {
    this.#finish(Outcome.ok);
    this.#res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.#clientGone) {
      this.#finish(Outcome.clientClosed);
      return;
    }
    const outcome = outcomeOf(error);
    const res = this.#res;
    if (res.headersSent) {
      // Too late for an error page: cut the client connection so it sees a truncated response.
      this.#finish(outcome);
      res.destroy();
      return;
    }
    if (this.#retryable && !this.#responded && isConnectionFailure(error) && this.#nextTarget !== null) {
      const next = this.#nextTarget(this.#target, error);
      if (next !== undefined) {
        this.#forwarder.metrics.count(Outcome.retried);
        this.#target = next;
        this.#controller = null;
        this.dispatch();
        return;
      }
    }
    this.#finish(outcome);
    sendPage(res, outcome === Outcome.timeout ? Pages.gatewayTimeout : Pages.badGateway, this.#requestId);
  }

  #finish(outcome: OutcomeCode): void {
    this.#done = true;
    const metrics = this.#forwarder.metrics;
    metrics.count(outcome);
    metrics.observeLatencyMs(performance.now() - this.#startMs);
  }
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function outcomeOf(error: Error): OutcomeCode {
  switch (codeOf(error)) {
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

/**
 * Failures where the upstream cannot have acted on the request: it was never connected to,
 * or the connection closed before any response byte (a reused keep-alive connection the
 * upstream closed just as the request was written). Timeouts after connecting are not: the
 * upstream may be working on it.
 */
function isConnectionFailure(error: Error): boolean {
  const outcome = outcomeOf(error);
  return (
    outcome === Outcome.connectFailed ||
    outcome === Outcome.upstreamReset ||
    codeOf(error) === 'UND_ERR_CONNECT_TIMEOUT'
  );
}
