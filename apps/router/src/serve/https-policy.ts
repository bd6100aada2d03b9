import { type ClientExchange, type Peers, redirectPage } from '@switchyard/http1';
import type { RouteTableReader } from '@switchyard/route-table';

/** ACME HTTP-01 challenges are answered over plain HTTP: never redirected. */
export const ACME_CHALLENGE_PREFIX = '/.well-known/acme-challenge/';

/**
 * A service's HTTPS settings, per request: plain-HTTP requests to a service with `https_redirect`
 * get 301 (GET, HEAD) or 308 (anything else, so that the method and body are kept) to the same
 * URL over HTTPS; HTTPS requests get the service's Strict-Transport-Security on their response.
 * A request counts as HTTPS when it came over TLS, or from a trusted hop that says so in
 * X-Forwarded-Proto (a load balancer terminating TLS in front).
 */
export class HttpsPolicy {
  readonly #reader: RouteTableReader;
  readonly #peers: Peers;
  /** `:PORT` of this router's HTTPS listener in redirects, '' for 443 or none (a load balancer's 443). */
  readonly #portSuffix: string;

  constructor(reader: RouteTableReader, peers: Peers, httpsPort: number | undefined) {
    this.#reader = reader;
    this.#peers = peers;
    this.#portSuffix = httpsPort === undefined || httpsPort === 0 || httpsPort === 443 ? '' : `:${httpsPort}`;
  }

  /** Applies the record's settings to `conn`; true when it answered (a redirect). */
  apply(conn: ClientExchange, record: number): boolean {
    const reader = this.#reader;
    const redirects = reader.httpsRedirect(record);
    const hsts = reader.hsts(record); // '' without allocating when the service has none
    if (!redirects && hsts === '') return false; // most services: nothing to do
    if (this.#isHttps(conn)) {
      conn.hsts = hsts;
      return false;
    }
    if (!redirects || conn.path.startsWith(ACME_CHALLENGE_PREFIX)) return false;
    this.#redirect(conn);
    return true;
  }

  #isHttps(conn: ClientExchange): boolean {
    if (conn.encrypted) return true;
    return this.#peers.trusts(conn.remoteAddress) && conn.header('x-forwarded-proto')?.toLowerCase() === 'https';
  }

  #redirect(conn: ClientExchange): void {
    const host = conn.host;
    const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
    const hostname = colon === -1 ? host : host.slice(0, colon);
    const path = conn.path.startsWith('/') ? conn.path : '/';
    const page = redirectPage(`https://${hostname}${this.#portSuffix}${path}`);
    conn.writeHead(conn.method === 'GET' || conn.method === 'HEAD' ? 301 : 308, page.headers);
    conn.end(page.body);
  }
}
