import type { IncomingMessage } from 'node:http';
import { isValidRequestId } from './request-id.ts';

/**
 * Hop-by-hop fields (RFC 9110 §7.6.1) and their common non-standard relatives. They describe
 * one connection and are never forwarded; undici also refuses several of them.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/** Who the client is and what the router adds on the way upstream. */
export interface ForwardedFor {
  /** The peer address (IPv4-mapped IPv6 already unwrapped). */
  readonly clientIp: string;
  /** The peer is a configured trusted hop: keep its X-Forwarded-* and X-Request-Id. */
  readonly trusted: boolean;
  /** Scheme the client used to reach the router. */
  readonly proto: string;
  /** Id for this request; replaced by a valid incoming one from a trusted hop. */
  readonly requestId: string;
}

/** What was sent upstream, for the caller to report. */
export interface UpstreamHeaders {
  readonly headers: string[];
  readonly requestId: string;
}

/**
 * The header list to send upstream, in the flat `[name, value, …]` form undici accepts.
 *
 * Order matters: the client's hop-by-hop fields — including every field the client named in
 * `Connection` — are removed FIRST, and only then are the router's own fields added, so a
 * client cannot strip `X-Forwarded-For` by listing it in `Connection`. Client-sent
 * `X-Forwarded-*`, `Forwarded`, `X-Request-Id` and `X-Switchyard-*` are dropped unless the
 * peer is a trusted hop (the `X-Switchyard-*` ones always).
 *
 * `upgrade` keeps the client's `Upgrade` protocol and sends `Connection: upgrade` (WebSocket
 * pass-through); otherwise no connection-level field is forwarded.
 */
export function upstreamRequestHeaders(
  req: IncomingMessage,
  who: ForwardedFor,
  extra: readonly string[] | null,
  upgrade: boolean,
): UpstreamHeaders {
  const raw = req.rawHeaders;
  const named = connectionTokens(req.headers.connection);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const out: string[] = [];
  let sawLength = false;
  let xff: string | null = null;
  let xfProto: string | null = null;
  let xfHost: string | null = null;
  let incomingId: string | null = null;

  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower.startsWith('proxy-')) continue;
    if (named?.includes(lower)) continue;
    if (lower === 'expect') continue; // the router's server already answered 100-continue
    if (lower === 'content-length') {
      // The parser rejected conflicting lengths; send one, and none alongside chunking.
      if (sawLength || chunked) continue;
      sawLength = true;
    } else if (lower.startsWith('x-forwarded-') || lower === 'forwarded' || lower === 'x-request-id') {
      if (!who.trusted) continue;
      if (lower === 'x-forwarded-for') xff = xff === null ? value : `${xff}, ${value}`;
      else if (lower === 'x-forwarded-proto') xfProto ??= value;
      else if (lower === 'x-forwarded-host') xfHost ??= value;
      else if (lower === 'x-request-id') incomingId ??= value;
      else out.push(name, value);
      continue;
    } else if (lower.startsWith('x-switchyard-')) {
      continue;
    }
    out.push(name, value);
  }

  const requestId = incomingId !== null && isValidRequestId(incomingId) ? incomingId : who.requestId;
  out.push(
    'x-forwarded-for',
    xff === null ? who.clientIp : `${xff}, ${who.clientIp}`,
    'x-forwarded-proto',
    xfProto ?? who.proto,
    'x-forwarded-host',
    xfHost ?? req.headers.host ?? '',
    'x-request-id',
    requestId,
  );
  if (upgrade) out.push('connection', 'upgrade', 'upgrade', req.headers.upgrade ?? '');
  if (extra !== null) for (let i = 0; i < extra.length; i++) out.push(extra[i] as string);
  return { headers: out, requestId };
}

/** Lower-cased field names listed in `Connection`, or null when there are none worth checking. */
function connectionTokens(connection: string | undefined): string[] | null {
  if (connection === undefined) return null;
  const lower = connection.toLowerCase();
  if (lower === 'keep-alive' || lower === 'close' || lower === 'upgrade') return null;
  const tokens = lower.split(',');
  for (let i = 0; i < tokens.length; i++) tokens[i] = (tokens[i] as string).trim();
  return tokens;
}

/** Response fields that describe the upstream connection and are never passed to the client. */
const RESPONSE_HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The client-bound header list from undici's raw response headers (Buffers, latin1 like
 * Node's parser), minus hop-by-hop fields and those the upstream named in `Connection`.
 * Node frames the response itself (content-length when given, chunked otherwise).
 */
export function clientResponseHeaders(raw: readonly (Buffer | string)[], connection: string | undefined): string[] {
  const named = connectionTokens(connection);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = latin1(raw[i]);
    const lower = name.toLowerCase();
    if (RESPONSE_HOP_BY_HOP.has(lower)) continue;
    if (named?.includes(lower)) continue;
    out.push(name, latin1(raw[i + 1]));
  }
  return out;
}

function latin1(v: Buffer | string | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : v.toString('latin1');
}
