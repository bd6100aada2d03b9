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
 * cleaned headers; once the upstream answers `101`, splices the two sockets together. Any other
 * answer is relayed to the client and the connection closed, so a refused upgrade cannot leave
 * an unchecked tunnel into an upstream that still speaks HTTP.
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
    // Until the upstream's answer is relayed, a failure still gets a 502/504 page.
    let relaying = false;
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    const fail = (timedOut: boolean): void => {
      if (relaying) {
        closeBoth();
        return;
      }
      relaying = true;
      this.#metrics.count(Outcome.upgradeFailed);
      upstream.destroy();
      writeRawPage(client, timedOut ? Pages.gatewayTimeout : Pages.badGateway, requestId);
    };

    client.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.setTimeout(this.#connectTimeoutMs);
    upstream.on('timeout', () => fail(true));
    upstream.on('error', () => fail(false));
    upstream.on('close', () => (relaying ? client.end() : fail(false)));
    upstream.once('connect', () => {
      upstream.setTimeout(this.#idleTimeoutMs);
      client.setTimeout(this.#idleTimeoutMs, closeBoth);
      upstream.setNoDelay(true);
      client.setNoDelay(true);
      upstream.write(requestHead(req, headers), 'latin1');
      awaitSwitch(upstream, (switched, first) => {
        relaying = true;
        client.write(first);
        upstream.pipe(client);
        if (switched) {
          this.#metrics.count(Outcome.upgraded);
          if (head.length > 0) upstream.write(head);
          client.pipe(upstream);
        } else {
          // Refused: relay the answer, but never pass client bytes to an upstream that still
          // speaks HTTP on this connection — they would be requests the router never checked.
          this.#metrics.count(Outcome.upgradeFailed);
          client.resume(); // read and drop, so the client's close is noticed
          upstream.end();
        }
      });
    });
  }
}

const SWITCHING = /^HTTP\/1\.[01] 101 /;

/** Reads the start of the upstream's answer and tells whether it is `101 Switching Protocols`. */
function awaitSwitch(upstream: Socket, then: (switched: boolean, first: Buffer) => void): void {
  let seen: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    if (seen.length < 13) return;
    upstream.off('data', onData);
    upstream.pause();
    then(SWITCHING.test(seen.toString('latin1', 0, 13)), seen);
  };
  upstream.on('data', onData);
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
