import type { ClientExchange } from '@switchyard/http1';
import type { CertificateClient } from '../tls/certificate-client.ts';
import { ACME_CHALLENGE_PREFIX } from './https-policy.ts';

/**
 * Answers ACME HTTP-01 validation requests (`GET /.well-known/acme-challenge/<token>`) in a serving
 * thread, before routing: for any hostname (routed yet or not), over plain HTTP or HTTPS, whatever the
 * service's redirect. The challenges come from the certificate manager through the database, the caches
 * and the main thread's certificate store; this thread holds a copy, so an answer asks nobody.
 * A token that is not in progress for that Host falls through to normal routing (a customer running
 * their own ACME client behind the platform keeps working). Every other request costs one startsWith.
 */
export class AcmeResponder {
  readonly #challenges: CertificateClient;
  readonly #before: (conn: ClientExchange) => void;

  /** `before` runs on a request about to be answered (its decision tag, its request id). */
  constructor(challenges: CertificateClient, before: (conn: ClientExchange) => void) {
    this.#challenges = challenges;
    this.#before = before;
  }

  /** True when it answered `conn`. */
  answer(conn: ClientExchange): boolean {
    const path = conn.path;
    if (!path.startsWith(ACME_CHALLENGE_PREFIX)) return false;
    if (conn.method !== 'GET' && conn.method !== 'HEAD') return false;
    const query = path.indexOf('?', ACME_CHALLENGE_PREFIX.length);
    const token = path.slice(ACME_CHALLENGE_PREFIX.length, query === -1 ? path.length : query);
    const keyAuthorization = this.#challenges.challenge(token, hostOnly(conn.host));
    if (keyAuthorization === undefined) return false;
    this.#before(conn);
    const body = Buffer.from(keyAuthorization, 'utf8');
    conn.writeHead(200, [
      'content-type',
      'text/plain; charset=utf-8',
      'content-length',
      String(body.length),
      'cache-control',
      'no-store',
    ]);
    conn.end(conn.method === 'HEAD' ? undefined : body);
    return true;
  }
}

/** Lower-case, without port or trailing dot, as challenges are indexed. */
function hostOnly(host: string): string {
  const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
  const name = (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
