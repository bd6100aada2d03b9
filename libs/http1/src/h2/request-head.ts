import { HeadError } from '../parse/errors.ts';
import type { RequestHead } from '../parse/request-head.ts';

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
} as const;

export type H2RefusalCode = (typeof H2Refusal)[keyof typeof H2Refusal];

/**
 * Turns an HTTP/2 request's fields (`rawHeaders`, flat `[name, value, …]` as node:http2 gives
 * them, names lower-case) into the equivalent HTTP/1.1 request head and parses it into `head`
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
  let lines = '';
  let size = 0;
  let fields = 0;
  let contentLength = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    size += name.length + value.length + 32;
    if (hasControl(value)) return H2Refusal.malformed;
    if (name.charCodeAt(0) === 0x3a /* : */) {
      switch (name) {
        case ':method':
          method = value;
          break;
        case ':path':
          path = value;
          break;
        case ':authority':
          authority = value;
          break;
        case ':scheme':
          break;
        case ':protocol':
          return H2Refusal.connect;
        default:
          return H2Refusal.malformed;
      }
      continue;
    }
    fields++;
    if (name === 'host') {
      host = value;
    } else if (name === 'cookie') {
      cookie = cookie === '' ? value : `${cookie}; ${value}`;
    } else {
      if (name === 'content-length') contentLength = true;
      lines += `${name}: ${value}\r\n`;
    }
  }
  if (size > maxHeaderListSize || fields > maxFields) return H2Refusal.tooLarge;
  if (method === 'CONNECT') return H2Refusal.connect;
  if (authority === '') authority = host;
  else if (host !== '' && host.toLowerCase() !== authority.toLowerCase()) return H2Refusal.hostMismatch;
  // RFC 9113 §8.3.1: origin-form, or "*" for OPTIONS (which the parser refuses like HTTP/1.1's).
  if (method === '' || !(path.charCodeAt(0) === 0x2f || path === '*')) return H2Refusal.malformed;

  let text = `${method} ${path} HTTP/1.1\r\n`;
  if (authority !== '') text += `host: ${authority}\r\n`;
  text += lines;
  if (cookie !== '') text += `cookie: ${cookie}\r\n`;
  if (hasBody && !contentLength) text += 'transfer-encoding: chunked\r\n';
  text += '\r\n';
  const buf = Buffer.from(text, 'latin1');
  head.reset(buf, 0);
  const end = head.parse(buf.length);
  if (end === buf.length) return H2Refusal.none;
  if (end === 0) head.error = HeadError.badRequestLine;
  return H2Refusal.head;
}

/** CR, LF, NUL or another control character (HTAB aside) — which would break the HTTP/1.1 head. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return true;
  }
  return false;
}
