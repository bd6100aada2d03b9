import type { ObjectMeta } from './hot-cache.ts';

/**
 * The HTTP parts of serving a file that do not touch the network: validators, conditional
 * requests, byte ranges. Pure functions over header values.
 */

/** RFC 9110 §13.1.2: does `If-None-Match` match `etag` (weak comparison; `*` matches anything)? */
export function noneMatch(header: string, etag: string): boolean {
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  const wanted = opaque(etag);
  for (const candidate of trimmed.split(',')) {
    if (opaque(candidate.trim()) === wanted) return true;
  }
  return false;
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** `If-Modified-Since`: true when the object has not changed since that date (second precision). */
export function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** Is this a 304 for a GET/HEAD? `If-None-Match` wins over `If-Modified-Since` (RFC 9110 §13.2.2). */
export function isNotModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  meta: ObjectMeta,
): boolean {
  if (ifNoneMatch !== undefined) return noneMatch(ifNoneMatch, meta.etag);
  if (ifModifiedSince !== undefined) return notModifiedSince(ifModifiedSince, meta.lastModified);
  return false;
}

/** Outcome of a Range header against an object of `size` bytes. */
export type RangeResult =
  /** No usable Range (absent, not bytes, malformed, several ranges, or If-Range mismatch): send it all. */
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const FULL: RangeResult = { kind: 'full' };
const UNSATISFIABLE: RangeResult = { kind: 'unsatisfiable' };

/**
 * One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`). Multiple ranges are answered with the whole
 * object (200), which RFC 9110 §14.2 allows: no multipart/byteranges bodies. `If-Range` with an
 * ETag must match strongly, with a date exactly; otherwise the whole object.
 */
export function parseRange(header: string | undefined, ifRange: string | undefined, meta: ObjectMeta): RangeResult {
  if (header === undefined) return FULL;
  if (ifRange !== undefined && !ifRangeMatches(ifRange.trim(), meta)) return FULL;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (m === null) return FULL; // includes multi-range "bytes=0-1,5-6"
  const first = m[1] as string;
  const last = m[2] as string;
  const size = meta.size;
  if (first === '' && last === '') return FULL;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return FULL; // invalid range: ignored
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', start, end };
}

function ifRangeMatches(ifRange: string, meta: ObjectMeta): boolean {
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return !ifRange.startsWith('W/') && ifRange === meta.etag;
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(meta.lastModified.getTime() / 1000);
}

/** A store's ETag as an HTTP entity tag (quoted). */
export function quoteEtag(etag: string): string {
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}
