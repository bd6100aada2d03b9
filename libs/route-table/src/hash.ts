/**
 * Hostname hashing straight from the JS string with charCodeAt: no TextEncoder, no
 * toLowerCase(), no substring. The normalised characters are packed four to an Int32 word
 * (little-endian, zero-padded: exactly the key's bytes as stored in the arena), the words go
 * through murmur3's x86_32 body and finaliser. Packing keeps the multiply chain to one round per
 * four characters, and the packed words double as the comparison key (one Int32 compare per
 * four characters). 0 is reserved for "empty slot", so a hash is never 0.
 */

export const CHAR_DOT = 0x2e;
export const CHAR_STAR = 0x2a;
export const CHAR_COLON = 0x3a;
const CHAR_UPPER_A = 0x41;
const CHAR_LAST_ASCII = 0x7f;
const ALPHABET_LENGTH = 26;
const CASE_BIT = 0x20;
const SEED = 0x5f3759df;
const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;

/** Words needed for the longest hostname (253 characters) plus a wildcard's `*`. */
export const KEY_WORDS_MAX = 64;

function mixWord(state: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let h = state ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(state: number, length: number): number {
  let h = state ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

/** ASCII upper case to lower case; every other code unchanged. */
export function lowerCode(code: number): number {
  return (code - CHAR_UPPER_A) >>> 0 < ALPHABET_LENGTH ? code | CASE_BIT : code;
}

/**
 * End of the hostname part of a Host value: before `:port`, without one trailing dot.
 * (An IPv6 literal `[::1]` is cut at its first colon and simply never matches.)
 */
export function hostnameEnd(host: string): number {
  let end = host.indexOf(':');
  if (end < 0) end = host.length;
  if (end > 0 && host.charCodeAt(end - 1) === CHAR_DOT) end--;
  return end;
}

/** Lower-cases the ASCII letters of four packed ASCII characters (SWAR, no branches). */
function lowerWord(word: number): number {
  const atLeastA = (word + 0x3f3f3f3f) & 0x80808080;
  const beyondZ = (word + 0x25252525) & 0x80808080;
  return word | ((atLeastA & ~beyondZ) >>> 2);
}

const COLONS = 0x3a3a3a3a;
const STARS = 0x2a2a2a2a;
const ONES = 0x01010101;
const HIGH_BITS = 0x80808080 | 0;

/** Whether one of four packed bytes is zero (exact as a yes/no answer). */
function hasZeroByte(word: number): boolean {
  return ((word - ONES) & ~word & HIGH_BITS) !== 0;
}

function isStop(code: number): boolean {
  return code > CHAR_LAST_ASCII || code === CHAR_COLON || code === CHAR_STAR;
}

/**
 * Packs `text[start..end)`, lower-cased, into `words` (preceded by `*` when `wildcard`), and
 * returns its hash; 0 when the range holds a character that no stored key has: beyond ASCII,
 * `:` or `*` (the reader then takes its slow path: strip a port, or give up).
 * `words` must hold KEY_WORDS_MAX words; `end - start` must be at most 253.
 */
export function encodeKey(text: string, start: number, end: number, wildcard: boolean, words: Int32Array): number {
  let state = SEED;
  let n = 0;
  let i = start;
  if (wildcard) {
    // The first word: `*` and up to three characters.
    let word = CHAR_STAR;
    for (let shift = 8; shift < 32 && i < end; shift += 8) {
      const code = lowerCode(text.charCodeAt(i++));
      if (isStop(code)) return 0;
      word |= code << shift;
    }
    words[n++] = word;
    state = mixWord(state, word);
  }
  for (; i + 4 <= end; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > CHAR_LAST_ASCII) return 0;
    const packed = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    if (hasZeroByte(packed ^ COLONS) || hasZeroByte(packed ^ STARS)) return 0;
    const word = lowerWord(packed);
    words[n++] = word;
    state = mixWord(state, word);
  }
  if (i < end) {
    let word = 0;
    for (let shift = 0; i < end; shift += 8) {
      const code = lowerCode(text.charCodeAt(i++));
      if (isStop(code)) return 0;
      word |= code << shift;
    }
    words[n] = word;
    state = mixWord(state, word);
  }
  return finish(state, end - start + (wildcard ? 1 : 0));
}

/** Hash of a key already packed in words (rebuilds hash stored keys without decoding them). */
export function hashWords(words: Int32Array, first: number, length: number): number {
  let state = SEED;
  const count = (length + 3) >> 2;
  for (let i = 0; i < count; i++) state = mixWord(state, words[first + i] as number);
  return finish(state, length);
}

/** Hash of a writer-side string (service ids); unrelated to the reader's key hash. */
export function hashString(text: string): number {
  let state = SEED;
  for (let i = 0; i < text.length; i++) state = mixWord(state, text.charCodeAt(i));
  return finish(state, text.length);
}
