import { HeadError } from '../parse/errors.ts';
import type { RequestHead } from '../parse/request-head.ts';
import { isConnectionSpecific } from './response-fields.ts';

/** Why an HTTP/2 request was refused before its head could be parsed (besides the parser's own codes). */
export const H2Refusal = {
  none: 0,
  /** The header list is larger than the limit (RFC 9113 §10.5.1 sizes: name + value + 32 each). */
  tooLarge: 1,
  /** Missing or malformed pseudo-header fields, a control character in a value. */
  malformed: 2,
  /** `:authority` and `Host` name different hosts. */
  hostMismatch: 3,
  /** CONNECT, plain or extended (`:protocol`, WebSocket over HTTP/2): not supported here. */
  connect: 4,
  /** The parser refused the equivalent HTTP/1.1 head: `head.error` says why. */
  head: 5,
  /**
   * Malformed at the protocol level (RFC 9113 §8.1.1, §8.2, §8.3): upper-case names, connection-specific
   * fields, TE other than "trailers", pseudo-fields unknown, repeated, after regular fields or missing,
   * `:protocol` (extended CONNECT is not offered) — the stream is reset (PROTOCOL_ERROR), as nghttp2 does.
   */
  protocol: 6,
} as const;

export type H2RefusalCode = (typeof H2Refusal)[keyof typeof H2Refusal];

/**
 * Turns an HTTP/2 request's fields (`rawHeaders`, flat `[name, value, …]` as the HPACK decoder
 * gives them, `count` pairs) into the equivalent HTTP/1.1 request head and parses it into `head`
 * with the engine's own strict parser. Everything downstream — routing by host, hop-by-hop
 * removal, X-Forwarded-*, the upstream request head copied from these bytes — is then the HTTP/1.1
 * path's, unchanged.
 *
 * `:authority` becomes Host (a `Host` field saying the same is dropped, a different one refused:
 * RFC 9113 §8.3.1); cookie crumbs are joined with "; " (§8.2.3); a request with a body and no
 * content-length is announced upstream as chunked (the body is framed so on the way up).
 */
export function parseH2Request(
  rawHeaders: readonly string[],
  count: number,
  hasBody: boolean,
  head: RequestHead,
  maxHeaderListSize: number,
  maxFields: number,
): H2RefusalCode {
  let method = '';
  let path = '';
  let authority = '';
  let host = '';
  let cookie = '';
  /** Where the first crumb was: the joined field goes there (the field order is kept). */
  let cookieAt = -1;
  let lines = '';
  let size = 0;
  let fields = 0;
  let contentLength = false;
  let scheme = false;
  let hasAuthority = false;
  for (let i = 0; i < 2 * count; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    size += name.length + value.length + 32;
    if (name.length === 0 || badName(name)) return H2Refusal.protocol;
    if (name.charCodeAt(0) === 0x3a /* : */) {
      if (fields > 0) return H2Refusal.protocol; // pseudo-fields come first (§8.3)
      switch (name) {
        case ':method':
          if (method !== '') return H2Refusal.protocol;
          method = value;
          break;
        case ':path':
          if (path !== '') return H2Refusal.protocol;
          path = value;
          if (path === '') return H2Refusal.protocol;
          break;
        case ':authority':
          if (hasAuthority) return H2Refusal.protocol;
          hasAuthority = true;
          authority = value;
          break;
        case ':scheme':
          if (scheme) return H2Refusal.protocol;
          scheme = true;
          break;
        default:
          // :protocol included: SETTINGS_ENABLE_CONNECT_PROTOCOL is never offered.
          return H2Refusal.protocol;
      }
      if (hasControl(value)) return H2Refusal.malformed;
      continue;
    }
    fields++;
    if (isConnectionSpecific(name)) return H2Refusal.protocol;
    if (name === 'te' && value !== 'trailers') return H2Refusal.protocol;
    if (hasControl(value)) return H2Refusal.malformed;
    if (name === 'host') {
      host = value;
    } else if (name === 'cookie') {
      if (cookieAt < 0) cookieAt = lines.length;
      cookie = cookie === '' ? value : `${cookie}; ${value}`;
    } else {
      if (name === 'content-length') contentLength = true;
      lines += `${name}: ${value}\r\n`;
    }
  }
  if (size > maxHeaderListSize || fields > maxFields) return H2Refusal.tooLarge;
  if (method === '') return H2Refusal.protocol;
  if (method === 'CONNECT') return H2Refusal.connect;
  if (!scheme || path === '') return H2Refusal.protocol;
  if (authority === '') authority = host;
  else if (host !== '' && host.toLowerCase() !== authority.toLowerCase()) return H2Refusal.hostMismatch;
  // RFC 9113 §8.3.1: origin-form, or "*" for OPTIONS (which the parser refuses like HTTP/1.1's).
  if (method === '' || !(path.charCodeAt(0) === 0x2f || path === '*')) return H2Refusal.malformed;

  let text = `${method} ${path} HTTP/1.1\r\n`;
  if (authority !== '') text += `host: ${authority}\r\n`;
  text += cookieAt < 0 ? lines : `${lines.slice(0, cookieAt)}cookie: ${cookie}\r\n${lines.slice(cookieAt)}`;
  if (hasBody && !contentLength) text += 'transfer-encoding: chunked\r\n';
  text += '\r\n';
  const buf = Buffer.from(text, 'latin1');
  head.reset(buf, 0);
  const end = head.parse(buf.length);
  if (end === buf.length) {
    // A content-length the (empty) body cannot match: malformed (RFC 9113 §8.1.1).
    return !hasBody && head.contentLength > 0 ? H2Refusal.protocol : H2Refusal.none;
  }
  if (end === 0) head.error = HeadError.badRequestLine;
  return H2Refusal.head;
}

/**
 * CR, LF, NUL or another control character (HTAB aside) — which would break the HTTP/1.1 head — or
 * whitespace at either end (RFC 9113 §8.2.1).
 */
function hasControl(value: string): boolean {
  const last = value.length - 1;
  if (last >= 0) {
    const first = value.charCodeAt(0);
    const end = value.charCodeAt(last);
    if (first === 0x20 || first === 0x09 || end === 0x20 || end === 0x09) return true;
  }
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return true;
  }
  return false;
}

/**
 * A field name HTTP/2 calls malformed (RFC 9113 §8.2.1): upper case, a control character, space,
 * DEL or non-ASCII, or a colon past the first character. CR LF or a colon in a name would add
 * fields of the client's choosing to the HTTP/1.1 head (Upgrade, Transfer-Encoding…): header injection.
 */
function badName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x41 && c <= 0x5a) || c >= 0x7f || (c === 0x3a && i > 0)) return true;
  }
  return false;
}
