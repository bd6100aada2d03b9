import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ServingOptionsError } from './errors.ts';
import { type ForwardMetrics, noopMetrics, Outcome } from './metrics.ts';
import { Peers } from './peers.ts';
import type { RequestIds } from './request-id.ts';
import { Pages, writeRawPage } from './responses.ts';
import { upstreamRequestHeaders } from './upstream-headers.ts';
import type { Target } from './upstream-pools.ts';

export interface UpgradeProxyOptions {
  requestIds: RequestIds;
  metrics?: ForwardMetrics;
  trustedHops?: readonly string[];
  proto?: string;
  /** Default 3000 ms; on expiry the client gets a 504. */
  connectTimeoutMs?: number;
  /** A tunnel with no traffic either way for this long is closed. Default 600 000 ms. */
  idleTimeoutMs?: number;
}

/**
 * WebSocket (and any other `Upgrade:`) pass-through: replays the request head upstream with
 * cleaned headers, then splices the two sockets together. The tunnel is opaque; whatever the
 * upstream answers (101 or a refusal) reaches the client unchanged.
 */
export class UpgradeProxy {
  readonly #requestIds: RequestIds;
  readonly #metrics: ForwardMetrics;
  readonly #peers: Peers;
  readonly #connectTimeoutMs: number;
  readonly #idleTimeoutMs: number;

  constructor(options: UpgradeProxyOptions) {
    this.#requestIds = options.requestIds;
    this.#metrics = options.metrics ?? noopMetrics;
    this.#peers = new Peers(options.trustedHops, options.proto);
    this.#connectTimeoutMs = positive(options.connectTimeoutMs ?? 3000, 'connectTimeoutMs');
    this.#idleTimeoutMs = positive(options.idleTimeoutMs ?? 600_000, 'idleTimeoutMs');
  }

  proxy(
    req: IncomingMessage,
    client: Socket,
    head: Buffer,
    target: Target,
    extra: readonly string[] | null = null,
  ): void {
    const who = this.#peers.describe(req, this.#requestIds.next());
    const { headers, requestId } = upstreamRequestHeaders(req, who, extra, true);
    const upstream = connect({ host: target.host, port: target.port });
    let connected = false;

    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    const fail = (timedOut: boolean): void => {
      this.#metrics.count(Outcome.upgradeFailed);
      upstream.destroy();
      writeRawPage(client, timedOut ? Pages.gatewayTimeout : Pages.badGateway, requestId);
    };

    client.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.setTimeout(this.#connectTimeoutMs);
    upstream.on('timeout', () => (connected ? closeBoth() : fail(true)));
    upstream.on('error', () => (connected ? closeBoth() : fail(false)));
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      this.#metrics.count(Outcome.upgraded);
      upstream.setTimeout(this.#idleTimeoutMs);
      client.setTimeout(this.#idleTimeoutMs, closeBoth);
      upstream.setNoDelay(true);
      client.setNoDelay(true);
      upstream.write(requestHead(req, headers), 'latin1');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  }
}

function requestHead(req: IncomingMessage, headers: string[]): string {
  let text = `${req.method} ${req.url} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) text += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return `${text}\r\n`;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ServingOptionsError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}
