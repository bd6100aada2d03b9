import type { ClientExchange } from './exchange.ts';
import { equalsLower } from './parse/chars.ts';
import { FieldKind } from './parse/fields.ts';

/** Who the client is and what the proxy adds on the way upstream. */
export interface Forwarding {
  /** The peer is a configured trusted hop: keep its X-Forwarded-* and X-Request-Id. */
  readonly trusted: boolean;
  /** X-Forwarded-Proto for an untrusted peer. */
  readonly proto: string;
  readonly requestId: string;
  /** W3C trace context sent upstream: a trusted hop's, or a new trace. */
  readonly traceparent: string;
  /** '' for none. */
  readonly tracestate: string;
  /** Flat `[name, value, …]` added last (e.g. the service id for the activator), or null. */
  readonly extra: readonly string[] | null;
}

/**
 * The request head sent upstream, written once into one buffer: the request line (origin-form,
 * HTTP/1.1), the client's field lines copied as bytes minus hop-by-hop ones (and those named in
 * Connection — decided by the parser before anything was added, so a client cannot strip the
 * proxy's own fields), then Host for an absolute-form target, the body framing, X-Forwarded-*,
 * X-Request-Id, the upgrade fields and `extra`.
 *
 * Client-sent X-Forwarded-*, Forwarded and X-Request-Id are dropped unless the peer is trusted;
 * X-Switchyard-* always. Traceparent and tracestate are always re-written (`Peers.identify` kept a
 * trusted hop's or started a new trace).
 */
export function upstreamRequestHead(conn: ClientExchange, f: Forwarding): Buffer {
  const head = conn.head;
  const src = head.buf;
  const added = addedFields(conn, f);
  let tail = '';
  for (let i = 0; i < added.length; i += 2) tail += `${added[i]}: ${added[i + 1]}\r\n`;
  if (head.chunked) tail += 'transfer-encoding: chunked\r\n';
  if (conn.isUpgrade) tail += `connection: upgrade\r\nupgrade: ${head.get('upgrade')}\r\n`;

  const method = head.method;
  const absolute = head.authority !== null;
  const newHost = replacesHost(conn);
  const out = Buffer.allocUnsafe(head.end - head.start + method.length + tail.length + 16);
  let n = out.write(method, 0, 'latin1');
  out[n++] = 0x20;
  if (!absolute) {
    n += src.copy(out, n, head.targetStart, head.targetEnd);
  } else if (head.pathStart === head.targetEnd || src[head.pathStart] === 0x3f /* ? */) {
    out[n++] = 0x2f; // an empty path is "/"
    n += src.copy(out, n, head.pathStart, head.targetEnd);
  } else {
    n += src.copy(out, n, head.pathStart, head.targetEnd);
  }
  n += out.write(' HTTP/1.1\r\n', n, 'latin1');

  n = head.copyLines(out, n, (i) => keep(conn, i, f.trusted, newHost));
  n += out.write(tail, n, 'latin1');
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return out.subarray(0, n);
}

/**
 * The same request as a flat `[name, value, …]` list, for an HTTP client that frames the message
 * itself (undici, for external origins): kept client fields, then the added ones. `host` replaces
 * the client's Host.
 */
export function upstreamFieldList(conn: ClientExchange, f: Forwarding, host: string): string[] {
  const head = conn.head;
  const out: string[] = [];
  for (let i = 0; i < head.fieldCount; i++) {
    const kind = head.kind(i);
    if (kind === FieldKind.host || kind === FieldKind.contentLength) continue;
    if (keep(conn, i, f.trusted, true)) out.push(head.name(i), head.value(i));
  }
  out.push('host', host);
  const added = addedFields(conn, f);
  for (let i = 0; i < added.length; i++) out.push(added[i] as string);
  return out;
}

/**
 * An absolute-form target's authority is the Host sent upstream (RFC 9112 §3.2.2), unless the
 * client's Host already says the same.
 */
function replacesHost(conn: ClientExchange): boolean {
  const head = conn.head;
  const authority = head.authority;
  if (authority === null) return false;
  if (head.hostField < 0) return true;
  const s = head.valueStart(head.hostField);
  const e = head.valueEnd(head.hostField);
  return !equalsLower(head.buf, s, e, authority.toLowerCase());
}

/** Host for an absolute-form target, X-Forwarded-*, X-Request-Id, trace context and `extra`, flat. */
function addedFields(conn: ClientExchange, f: Forwarding): string[] {
  const head = conn.head;
  let xff = conn.remoteAddress;
  let xfProto = f.proto;
  let xfHost = head.hostField >= 0 ? head.value(head.hostField) : head.host;
  if (f.trusted) {
    const incomingFor = head.get('x-forwarded-for');
    if (incomingFor !== undefined) xff = `${incomingFor}, ${xff}`;
    xfProto = head.get('x-forwarded-proto') ?? xfProto;
    xfHost = head.get('x-forwarded-host') ?? xfHost;
  }
  const out = [
    'x-forwarded-for',
    xff,
    'x-forwarded-proto',
    xfProto,
    'x-forwarded-host',
    xfHost,
    'x-request-id',
    f.requestId,
    'traceparent',
    f.traceparent,
  ];
  if (f.tracestate !== '') out.push('tracestate', f.tracestate);
  if (replacesHost(conn)) out.unshift('host', head.authority as string);
  const extra = f.extra;
  if (extra !== null) for (let i = 0; i < extra.length; i++) out.push(extra[i] as string);
  return out;
}

function keep(conn: ClientExchange, i: number, trusted: boolean, newHost: boolean): boolean {
  const head = conn.head;
  switch (head.kind(i)) {
    case FieldKind.other:
    case FieldKind.contentLength:
      return true;
    case FieldKind.host:
      return !newHost;
    case FieldKind.forwarded: {
      if (!trusted) return false;
      // Kept from a trusted hop, except the ones re-written (merged) in the tail.
      const s = head.nameStart(i);
      const e = head.nameEnd(i);
      const buf = head.buf;
      return !(
        equalsLower(buf, s, e, 'x-forwarded-for') ||
        equalsLower(buf, s, e, 'x-forwarded-proto') ||
        equalsLower(buf, s, e, 'x-forwarded-host') ||
        equalsLower(buf, s, e, 'x-request-id') ||
        equalsLower(buf, s, e, 'traceparent') ||
        equalsLower(buf, s, e, 'tracestate')
      );
    }
    default:
      return false;
  }
}
