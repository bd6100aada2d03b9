import { BlockList, isIPv4 } from 'node:net';
import type { ClientConnection } from './client-connection.ts';
import { EngineOptionsError } from './errors.ts';
import { isValidRequestId, type RequestIds } from './request-id.ts';
import type { Forwarding } from './upstream-request.ts';

/**
 * Who sent a request and whether to believe what it says about earlier hops. A peer is
 * trusted only when its address is in `trustedHops` (addresses or CIDR ranges, e.g. the
 * platform's load balancers); everyone else's X-Forwarded-* is overwritten.
 */
export class Peers {
  readonly #trusted: BlockList | null;

  constructor(trustedHops: readonly string[] = []) {
    this.#trusted = trustedHops.length === 0 ? null : trustedList(trustedHops);
  }

  /**
   * What a forwarded request carries about its client: trusted or not, the scheme it used (the
   * X-Forwarded-Proto of untrusted peers), and its id —
   * a valid X-Request-Id from a trusted hop, else a new one.
   */
  forwardingOf(conn: ClientConnection, requestIds: RequestIds, extra: readonly string[] | null): Forwarding {
    const trusted = this.trusts(conn.remoteAddress);
    const incoming = trusted ? conn.header('x-request-id') : undefined;
    const requestId = incoming !== undefined && isValidRequestId(incoming) ? incoming : requestIds.next();
    return { trusted, proto: conn.encrypted ? 'https' : 'http', requestId, extra };
  }

  /** Is `clientIp` (already unmapped) a configured trusted hop? */
  trusts(clientIp: string): boolean {
    return (
      this.#trusted !== null && clientIp !== '' && this.#trusted.check(clientIp, isIPv4(clientIp) ? 'ipv4' : 'ipv6')
    );
  }
}

function trustedList(hops: readonly string[]): BlockList {
  const list = new BlockList();
  for (const hop of hops) {
    const [address = '', bits] = hop.split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    try {
      if (bits === undefined) list.addAddress(address, family);
      else list.addSubnet(address, Number(bits), family);
    } catch (err) {
      throw new EngineOptionsError(`trusted hop ${JSON.stringify(hop)} is not an address or CIDR range`, {
        cause: err,
      });
    }
  }
  return list;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; anything else unchanged. */
export function unmapIpv4(ip: string): string {
  return ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}
