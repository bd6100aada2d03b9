import type { IncomingMessage } from 'node:http';
import { type Page, Pages } from './responses.ts';

/**
 * Checks a parsed request before it is routed. Returns the page to reject it with, or null
 * when it may be routed; an absolute-form target naming the Host is rewritten to origin form
 * (`req.url` then always starts with `/`). The upstream URL is never derived from the target:
 * `//10.0.0.1/x` stays a path.
 */
export function checkRequest(req: IncomingMessage): Page | null {
  const host = req.headers.host;
  if (host === undefined || !isValidHostHeader(host) || countHostFields(req.rawHeaders) !== 1) {
    return Pages.badHost;
  }
  const url = req.url ?? '';
  if (url.charCodeAt(0) === 0x2f /* / */) return null;
  const path = originFormOfAbsolute(url, host);
  if (path === null) return Pages.badTarget;
  req.url = path;
  return null;
}

/** RFC 9112 §3.2: a request with more than one Host field must be rejected. */
function countHostFields(raw: string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') n++;
  }
  return n;
}

/**
 * For `http://authority/path?q` whose authority equals `host` (case-insensitively), the
 * origin-form `/path?q`; null for anything else (another host, userinfo, other schemes,
 * `*`, garbage).
 */
export function originFormOfAbsolute(url: string, host: string): string | null {
  let start: number;
  if (startsWithIgnoringCase(url, 'http://')) start = 7;
  else if (startsWithIgnoringCase(url, 'https://')) start = 8;
  else return null;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f /* / */ || c === 0x3f /* ? */ || c === 0x23 /* # */) break;
    end++;
  }
  const authority = url.slice(start, end);
  if (authority.length !== host.length || authority.toLowerCase() !== host.toLowerCase()) return null;
  if (end === url.length) return '/';
  if (url.charCodeAt(end) === 0x2f) return url.slice(end);
  if (url.charCodeAt(end) === 0x3f) return `/${url.slice(end)}`;
  return null; // a fragment has no business in a request target
}

function startsWithIgnoringCase(s: string, lowerPrefix: string): boolean {
  return s.length >= lowerPrefix.length && s.slice(0, lowerPrefix.length).toLowerCase() === lowerPrefix;
}

const MAX_HOST_LENGTH = 253 + 1 + 5; // a DNS name, ':' and a port

/**
 * `host[:port]` where host is a DNS-style name (letters, digits, `-`, `_`, `.`), an IPv4
 * address or a bracketed IPv6 literal, and port is 1–65535. Normalisation (case, port,
 * trailing dot) is the route table's job; this only refuses what no route can match.
 */
export function isValidHostHeader(h: string): boolean {
  const n = h.length;
  if (n === 0 || n > MAX_HOST_LENGTH + 2) return false;
  let i = 0;
  if (h.charCodeAt(0) === 0x5b /* [ */) {
    i = 1;
    while (i < n && isIpv6Char(h.charCodeAt(i))) i++;
    if (i === 1 || i >= n || h.charCodeAt(i) !== 0x5d /* ] */) return false;
    i++;
  } else {
    while (i < n && isNameChar(h.charCodeAt(i))) i++;
    if (i === 0) return false;
  }
  if (i === n) return true;
  if (h.charCodeAt(i) !== 0x3a /* : */) return false;
  return isPort(h, i + 1);
}

function isPort(s: string, from: number): boolean {
  const digits = s.length - from;
  if (digits < 1 || digits > 5) return false;
  let port = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    port = port * 10 + (c - 0x30);
  }
  return port >= 1 && port <= 65535;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x5f // _
  );
}

function isIpv6Char(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) || c === 0x3a || c === 0x2e;
}
