/**
 * Hostname hashing, straight from the JS string with charCodeAt: no TextEncoder, no
 * toLowerCase(), no substring. A key is hashed from its last character to its first, so one
 * pass over a request's host yields both the exact hash and the hash of its wildcard parent
 * (`*` followed by everything from the first dot: the state at that dot, then `*`).
 *
 * FNV-1a per character, then murmur3's fmix32 so that the low bits (the slot index) are as good
 * as the high ones. 0 is reserved for "empty slot", so a hash is never 0.
 */

export const HASH_SEED = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export const CHAR_DOT = 0x2e;
export const CHAR_COLON = 0x3a;
export const CHAR_STAR = 0x2a;
const CHAR_UPPER_A = 0x41;
const ALPHABET_LENGTH = 26;
const CASE_BIT = 0x20;

export function mixChar(state: number, code: number): number {
  return Math.imul(state ^ code, FNV_PRIME);
}

export function finishHash(state: number): number {
  let h = state ^ (state >>> 16);
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

/** Hash of an already normalised key (writer side; also used for service ids). */
export function hashKey(key: string): number {
  let state = HASH_SEED;
  for (let i = key.length - 1; i >= 0; i--) state = mixChar(state, key.charCodeAt(i));
  return finishHash(state);
}

/** Hash of a key stored as bytes (used when a table is rebuilt from another). */
export function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let state = HASH_SEED;
  for (let i = start + length - 1; i >= start; i--) state = mixChar(state, bytes[i]);
  return finishHash(state);
}
