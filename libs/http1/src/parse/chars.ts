/**
 * Byte classes of RFC 9110/9112, as 256-entry lookup tables (1 = allowed). The parsers index
 * them with the byte they read: no branches per character class, no allocation.
 */

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;
export const COLON = 0x3a;

function table(allowed: (c: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) t[c] = allowed(c) ? 1 : 0;
  return t;
}

const isAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** tchar (RFC 9110 §5.6.2): field names and methods. */
export const TOKEN = table((c) => isAlnum(c) || "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c)));

/** field-vchar, SP and HTAB (RFC 9110 §5.5): field values. No CR, LF, NUL or other controls. */
export const FIELD_VALUE = table((c) => c === SP || c === HTAB || (c >= 0x21 && c <= 0x7e) || c >= 0x80);

/**
 * Bytes of a request-target: visible ASCII only; never SP, controls, DEL or obs-text (RFC 3986
 * has no raw non-ASCII; llhttp refuses it, and a proxy must not forward what its peers may not).
 */
export const TARGET = table((c) => c >= 0x21 && c <= 0x7e);

/** A status line's reason-phrase: HTAB, SP, VCHAR, obs-text (RFC 9112 §4). */
export const REASON = FIELD_VALUE;

/** ASCII lower-casing of one byte. */
export function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Does `buf[start, end)` equal the lower-case ASCII `name`, ignoring case? */
export function equalsLower(buf: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    if (lower(buf[start + i] as number) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** Does `buf[start, end)` start with the lower-case ASCII `prefix`, ignoring case? */
export function startsWithLower(buf: Uint8Array, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (lower(buf[start + i] as number) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}
