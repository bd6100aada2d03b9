import { InvalidHostnameError } from './errors.ts';
import { CHAR_DOT, CHAR_STAR, hostnameEnd, lowerCode } from './hash.ts';
import { MAX_HOSTNAME_LENGTH } from './layout.ts';

const PRINTABLE_FIRST = 0x21;
const PRINTABLE_LAST = 0x7e;
const CHAR_SLASH = 0x2f;

/**
 * Writer side: the stored form of a hostname (lower case, no port, no trailing dot), checked.
 * Allowed: printable ASCII without `/`; `*` only as a whole leading label (`*.example.com`).
 * IDNs arrive as punycode (`xn--…`), so anything beyond ASCII is rejected.
 */
export function normalizeHostname(input: string): string {
  const end = hostnameEnd(input);
  if (end === 0) throw new InvalidHostnameError(input, 'empty');
  if (end > MAX_HOSTNAME_LENGTH) throw new InvalidHostnameError(input, `longer than ${MAX_HOSTNAME_LENGTH}`);
  let lowerCase = true;
  for (let i = 0; i < end; i++) {
    const code = input.charCodeAt(i);
    if (code < PRINTABLE_FIRST || code > PRINTABLE_LAST || code === CHAR_SLASH) {
      throw new InvalidHostnameError(input, 'not printable ASCII (use punycode for IDNs)');
    }
    if (code === CHAR_STAR && (i !== 0 || end < 3 || input.charCodeAt(1) !== CHAR_DOT)) {
      throw new InvalidHostnameError(input, '`*` only as the leading label');
    }
    if (lowerCode(code) !== code) lowerCase = false;
  }
  if (lowerCase && end === input.length) return input;
  let out = '';
  for (let i = 0; i < end; i++) out += String.fromCharCode(lowerCode(input.charCodeAt(i)));
  return out;
}
