import { randomFillSync } from 'node:crypto';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): `traceparent` is
 * `VERSION-TRACEID-PARENTID-FLAGS`, lower-case hex, `00-<32>-<16>-<2>` for version 00 (55 chars).
 * The router does not record spans of its own, so a kept traceparent is passed on unchanged; a new
 * one has the sampled flag set, so the services' parent-based samplers decide as they would for a
 * root span.
 */
export const TRACEPARENT_LENGTH = 55;
/** Longest tracestate passed on (the spec's limit for a combined value is 512 characters). */
export const TRACESTATE_MAX_LENGTH = 512;

/**
 * Random bytes for ids, refilled in blocks and kept as hex: one system call and one conversion per
 * ~170 requests, not one per id.
 */
const POOL = Buffer.allocUnsafe(4096);
let poolHex = '';
let poolAt = POOL.length;

function randomHex(bytes: number): string {
  if (poolAt + bytes > POOL.length) {
    randomFillSync(POOL);
    poolHex = POOL.toString('hex');
    poolAt = 0;
  }
  const id = poolHex.slice(2 * poolAt, 2 * (poolAt + bytes));
  poolAt += bytes;
  return id;
}

/** A new 32-hex-digit trace id (never all zeros). */
export function newTraceId(): string {
  for (;;) {
    const id = randomHex(16);
    if (!isZeros(id)) return id;
  }
}

/** A new 16-hex-digit span (parent) id (never all zeros). */
export function newSpanId(): string {
  for (;;) {
    const id = randomHex(8);
    if (!isZeros(id)) return id;
  }
}

/** A traceparent for a new trace, as its root: version 00, sampled. */
export function newTraceparent(traceId: string): string {
  return `00-${traceId}-${newSpanId()}-01`;
}

/**
 * The trace id of a valid `traceparent` value, or '' when it is not one (wrong length, upper-case
 * or non-hex digits, version ff, an all-zero trace or parent id). A version above 00 is accepted
 * when its first 55 characters have the version-00 shape (the spec's forward compatibility).
 */
export function traceIdOf(traceparent: string): string {
  const n = traceparent.length;
  if (n < TRACEPARENT_LENGTH) return '';
  if (!isHex(traceparent, 0, 2) || traceparent.startsWith('ff')) return '';
  if (traceparent.startsWith('00') ? n !== TRACEPARENT_LENGTH : n > TRACEPARENT_LENGTH && traceparent[55] !== '-') {
    return '';
  }
  if (traceparent[2] !== '-' || traceparent[35] !== '-' || traceparent[52] !== '-') return '';
  if (!isHex(traceparent, 3, 35) || !isHex(traceparent, 36, 52) || !isHex(traceparent, 53, 55)) return '';
  const traceId = traceparent.slice(3, 35);
  if (isZeros(traceId) || isZeros(traceparent.slice(36, 52))) return '';
  return traceId;
}

/** `s[start, end)` is lower-case hex. */
function isHex(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function isZeros(id: string): boolean {
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== 0x30) return false;
  return true;
}
