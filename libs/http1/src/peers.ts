import { BlockList, isIPv4 } from 'node:net';
import { EngineOptionsError } from './errors.ts';
import type { ClientExchange } from './exchange.ts';
import { isValidRequestId, type RequestIds } from './request-id.ts';
import { newTraceId, newTraceparent, TRACESTATE_MAX_LENGTH, traceIdOf } from './trace-context.ts';
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
   * X-Forwarded-Proto of untrusted peers), its id and its trace context (see `identify`).
   */
  forwardingOf(conn: ClientExchange, requestIds: RequestIds, extra: readonly string[] | null): Forwarding {
    const trusted = this.identify(conn, requestIds);
    const facts = conn.facts;
    return {
      trusted,
      proto: conn.encrypted ? 'https' : 'http',
      requestId: facts.requestId,
      traceparent: facts.traceparent,
      tracestate: facts.tracestate,
      extra,
    };
  }

  /**
   * Gives the request under way its identity, once (`conn.facts`): a valid X-Request-Id and W3C
   * traceparent/tracestate from a trusted hop are kept; otherwise a new request id and a new trace
   * (the client's values are not believed). Returns whether the peer is trusted.
   */
  identify(conn: ClientExchange, requestIds: RequestIds): boolean {
    const trusted = this.trusts(conn.remoteAddress);
    const facts = conn.facts;
    if (facts.requestId !== '') return trusted;
    const incoming = trusted ? conn.header('x-request-id') : undefined;
    facts.requestId = incoming !== undefined && isValidRequestId(incoming) ? incoming : requestIds.next();
    const parent = trusted ? conn.header('traceparent') : undefined;
    const traceId = parent === undefined ? '' : traceIdOf(parent);
    if (traceId !== '') {
      facts.traceId = traceId;
      facts.traceparent = parent as string;
      const state = conn.header('tracestate');
      facts.tracestate = state !== undefined && state.length <= TRACESTATE_MAX_LENGTH ? state : '';
    } else {
      facts.traceId = newTraceId();
      facts.traceparent = newTraceparent(facts.traceId);
    }
    return trusted;
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
