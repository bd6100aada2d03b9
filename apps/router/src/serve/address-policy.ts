/**
 * Where a static site's proxy rewrite may connect. A site owner chooses the destination URL, so
 * without a policy a rule like `destination: http://127.0.0.1:9090/metrics` makes the router fetch
 * its own admin port (or the cloud metadata service, or anything on the private network) for any
 * client. The policy is checked against the address the socket is actually opened to — every
 * address a hostname resolves to is filtered before connecting, and the connected peer is checked
 * again — so a name that resolves (or re-resolves, DNS rebinding) to an inside address is refused
 * like the literal address.
 *
 * Refused unless an allow-list entry names them: loopback, private (RFC 1918), shared (CGNAT),
 * link-local (cloud metadata 169.254.169.254 included), unique-local and site-local IPv6,
 * multicast, reserved and "this network" ranges, well-known metadata addresses outside them, and
 * the same addresses embedded in IPv6 (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`); and, on every address, the denied ports (the platform's admin
 * and internal ports).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction as NetLookupFunction } from 'node:net';

/** `dns.lookup`'s shape, for a resolver other than the system's (tests). */
export type LookupFunction = (
  hostname: string,
  options: { all: true; family?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface AddressPolicyOptions {
  /**
   * Entries that are allowed even though they are inside: `ADDRESS`, `ADDRESS/PREFIX` (IPv6 in
   * brackets when a port follows), each optionally with `:PORT`. An entry without a port allows
   * its addresses on every port but the denied ones; an entry with a port allows exactly that.
   */
  allow?: readonly string[];
  /** Ports refused on every address (unless an allow entry names address and port). */
  denyPorts?: readonly number[];
  /** Resolves hostnames; default `dns.lookup`. */
  lookup?: LookupFunction;
}

/** A connection the policy refuses; `code` is stable, the message says which address and why. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'ESWITCHYARD_ADDRESS_REFUSED';
}

/** An allow-list entry that does not parse. */
export class AddressPolicyError extends Error {
  override readonly name = 'AddressPolicyError';
}

/** The ranges refused by default, with the word the refusal uses. */
const INSIDE: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', '"this network"'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['168.63.129.16', 32, 'ipv4', 'cloud metadata (Azure)'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['64:ff9b:1::', 48, 'ipv6', 'local-use NAT64'],
  ['100::', 64, 'ipv6', 'discard-only'],
  ['2001::', 32, 'ipv6', 'Teredo'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const insideLists = INSIDE.map(([network, prefix, type, label]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, type, label };
});

interface AllowEntry {
  readonly list: BlockList;
  readonly port: number | undefined;
}

/** Decides whether the router may connect to an address and port for a proxy rewrite. */
export class AddressPolicy {
  readonly #allow: readonly AllowEntry[];
  readonly #denyPorts: ReadonlySet<number>;
  readonly #lookup: LookupFunction;

  constructor(options: AddressPolicyOptions = {}) {
    this.#allow = (options.allow ?? []).map(parseAllowEntry);
    this.#denyPorts = new Set(options.denyPorts ?? []);
    this.#lookup = options.lookup ?? (dnsLookup as unknown as LookupFunction);
  }

  /** Why connecting to `address` (an IP literal) on `port` is refused, or undefined when it is allowed. */
  refusal(address: string, port: number): string | undefined {
    const bare = address.startsWith('[') ? address.slice(1, -1) : address;
    const family = isIP(bare);
    if (family === 0) return `${address} is not an IP address`;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const allowed = this.#allow.find((entry) => matches(entry.list, bare, type) && (entry.port ?? port) === port);
    if (allowed?.port !== undefined) return undefined;
    if (this.#denyPorts.has(port)) return `port ${port} is one of the platform's internal ports`;
    if (allowed !== undefined) return undefined;
    const inside = insideLabel(bare, type);
    return inside === undefined ? undefined : `${bare} is a ${inside} address`;
  }

  /**
   * Resolves `hostname` and keeps only the addresses `port` may be connected to on; fails with an
   * AddressRefusedError when none is left. Shaped as `net.connect`'s `lookup` option.
   */
  lookupFor(port: number): NetLookupFunction {
    return (hostname, options, callback) => {
      const wanted = options.family;
      const family = wanted === 4 || wanted === 'IPv4' ? 4 : wanted === 6 || wanted === 'IPv6' ? 6 : undefined;
      this.#lookup(hostname, family === undefined ? { all: true } : { all: true, family }, (error, addresses) => {
        if (error) return callback(error, '');
        const kept = addresses.filter((a) => this.refusal(a.address, port) === undefined);
        if (kept.length === 0) {
          const why = addresses.map((a) => this.refusal(a.address, port)).join('; ');
          return callback(new AddressRefusedError(`${hostname} resolves only to refused addresses: ${why}`), '');
        }
        if (options.all) return callback(null, kept);
        const first = kept[0] as LookupAddress;
        callback(null, first.address, first.family);
      });
    };
  }
}

function matches(list: BlockList, address: string, type: 'ipv4' | 'ipv6'): boolean {
  if (list.check(address, type)) return true;
  const v4 = type === 'ipv6' ? embeddedIpv4(address) : undefined;
  return v4 !== undefined && list.check(v4, 'ipv4');
}

function insideLabel(address: string, type: 'ipv4' | 'ipv6'): string | undefined {
  const v4 = type === 'ipv6' ? embeddedIpv4(address) : undefined;
  for (const inside of insideLists) {
    if (inside.type === type && inside.list.check(address, type)) return inside.label;
    if (v4 !== undefined && inside.type === 'ipv4' && inside.list.check(v4, 'ipv4'))
      return `${inside.label} (IPv4 in IPv6)`;
  }
  return undefined;
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one: IPv4-mapped `::ffff:0:0/96`,
 * IPv4-compatible `::/96` (deprecated), NAT64 `64:ff9b::/96`, 6to4 `2002::/16`.
 */
export function embeddedIpv4(address: string): string | undefined {
  const h = expandIpv6(address);
  if (h === undefined) return undefined;
  const zero = (from: number, to: number): boolean => h.slice(from, to).every((x) => x === 0);
  let high: number;
  let low: number;
  if (zero(0, 5) && h[5] === 0xffff) {
    [high, low] = [h[6] as number, h[7] as number]; // IPv4-mapped
  } else if (zero(0, 6) && (h[6] !== 0 || (h[7] as number) > 1)) {
    [high, low] = [h[6] as number, h[7] as number]; // IPv4-compatible (not :: or ::1)
  } else if (h[0] === 0x64 && h[1] === 0xff9b && zero(2, 6)) {
    [high, low] = [h[6] as number, h[7] as number]; // NAT64 well-known prefix
  } else if (h[0] === 0x2002) {
    [high, low] = [h[1] as number, h[2] as number]; // 6to4
  } else {
    return undefined;
  }
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** An IPv6 literal → its eight 16-bit groups, or undefined if it is not one. */
function expandIpv6(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.split('%')[0] as string;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: fill }, () => '0'), ...right].map((g) => Number.parseInt(g, 16));
}

/** `10.0.0.0/8`, `10.1.2.3:8080`, `[fd00::/8]:443`, `::1` → an allow entry. */
function parseAllowEntry(entry: string): AllowEntry {
  const text = entry.trim();
  let network = text;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    network = bracketed[1] as string;
    port = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
  } else if (text.split(':').length === 2) {
    const at = text.lastIndexOf(':');
    network = text.slice(0, at);
    port = /^\d+$/.test(text.slice(at + 1)) ? Number(text.slice(at + 1)) : Number.NaN;
  }
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new AddressPolicyError(`allow entry "${entry}": the port must be 1-65535`);
  }
  const slash = network.indexOf('/');
  const address = slash === -1 ? network : network.slice(0, slash);
  const family = isIP(address);
  const prefix = slash === -1 ? (family === 4 ? 32 : 128) : Number(network.slice(slash + 1));
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw new AddressPolicyError(
      `allow entry "${entry}" is not ADDRESS[/PREFIX][:PORT] (IPv6 in brackets when a port follows)`,
    );
  }
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return { list, port };
}
