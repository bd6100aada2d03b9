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
  const newHost = replacesHost(conn);
  const forwardedFor = forwardedForOf(conn, f);
  const forwardedProto = forwardedProtoOf(conn, f);
  const trustedHost = f.trusted ? head.get('x-forwarded-host') : undefined;
  const upgrade = conn.isUpgrade ? (head.get('upgrade') ?? '') : '';
  const extra = f.extra;
  let extraBytes = 0;
  if (extra !== null) for (let i = 0; i < extra.length; i++) extraBytes += (extra[i] as string).length + 2;

  const method = head.method;
  const headBytes = head.end - head.start;
  const out = Buffer.allocUnsafe(
    2 * headBytes + // the request line and kept lines, plus X-Forwarded-Host copied from Host
      method.length +
      ADDED_FIELDS_BYTES +
      (newHost ? (head.authority as string).length : 0) +
      forwardedFor.length +
      forwardedProto.length +
      (trustedHost?.length ?? 0) +
      f.requestId.length +
      f.traceparent.length +
      f.tracestate.length +
      extraBytes +
      upgrade.length,
  );
  let n = put(out, 0, method);
  out[n++] = 0x20;
  if (head.authority === null) {
    n = putBytes(out, n, src, head.targetStart, head.targetEnd);
  } else {
    if (head.pathStart === head.targetEnd || src[head.pathStart] === 0x3f /* ? */) out[n++] = 0x2f; // an empty path is "/"
    n = putBytes(out, n, src, head.pathStart, head.targetEnd);
  }
  n = put(out, n, ' HTTP/1.1\r\n');
  n = head.copyLines(out, n, (i) => keep(conn, i, f.trusted, newHost));

  // The added fields, in addedFields' order, written straight into the buffer (no strings built).
  if (newHost) n = putField(out, n, 'host: ', head.authority as string);
  n = putField(out, n, 'x-forwarded-for: ', forwardedFor);
  n = putField(out, n, 'x-forwarded-proto: ', forwardedProto);
  if (trustedHost !== undefined) {
    n = putField(out, n, 'x-forwarded-host: ', trustedHost);
  } else if (head.hostField >= 0) {
    n = put(out, n, 'x-forwarded-host: ');
    n = putBytes(out, n, src, head.valueStart(head.hostField), head.valueEnd(head.hostField));
    n = put(out, n, '\r\n');
  } else {
    n = putField(out, n, 'x-forwarded-host: ', head.host);
  }
  n = putField(out, n, 'x-request-id: ', f.requestId);
  n = putField(out, n, 'traceparent: ', f.traceparent);
  if (f.tracestate !== '') n = putField(out, n, 'tracestate: ', f.tracestate);
  if (extra !== null) {
    for (let i = 0; i + 1 < extra.length; i += 2) {
      n = put(out, n, extra[i] as string);
      out[n++] = 0x3a;
      out[n++] = 0x20;
      n = put(out, n, extra[i + 1] as string);
      out[n++] = 0x0d;
      out[n++] = 0x0a;
    }
  }
  if (head.chunked) n = put(out, n, 'transfer-encoding: chunked\r\n');
  if (conn.isUpgrade) {
    n = put(out, n, 'connection: upgrade\r\n');
    n = putField(out, n, 'upgrade: ', upgrade);
  }
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return out.subarray(0, n);
}

/** Every name, separator and line end `upstreamRequestHead` may add, with room to spare. */
const ADDED_FIELDS_BYTES = 320;

/** Writes latin1 `text` at `at`; returns the offset after it. No string or buffer is allocated. */
function put(out: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** `prefix` (a name and ": "), `value` and CRLF at `at`. */
function putField(out: Buffer, at: number, prefix: string, value: string): number {
  let n = put(out, at, prefix);
  n = put(out, n, value);
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return n;
}

function putBytes(out: Buffer, at: number, src: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) out[at + i - start] = src[i] as number;
  return at + end - start;
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
  const xfHost = (f.trusted ? head.get('x-forwarded-host') : undefined) ?? clientHost(conn);
  const out = [
    'x-forwarded-for',
    forwardedForOf(conn, f),
    'x-forwarded-proto',
    forwardedProtoOf(conn, f),
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

/** The client's address, after a trusted hop's list of earlier ones. */
function forwardedForOf(conn: ClientExchange, f: Forwarding): string {
  const incoming = f.trusted ? conn.head.get('x-forwarded-for') : undefined;
  return incoming === undefined ? conn.remoteAddress : `${incoming}, ${conn.remoteAddress}`;
}

/** A trusted hop's X-Forwarded-Proto, else how the client reached us. */
function forwardedProtoOf(conn: ClientExchange, f: Forwarding): string {
  return (f.trusted ? conn.head.get('x-forwarded-proto') : undefined) ?? f.proto;
}

function clientHost(conn: ClientExchange): string {
  const head = conn.head;
  return head.hostField >= 0 ? head.value(head.hostField) : head.host;
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
