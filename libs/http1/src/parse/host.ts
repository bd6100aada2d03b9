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
