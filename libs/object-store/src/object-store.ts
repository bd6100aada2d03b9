import type { Readable } from 'node:stream';

/** What a store knows about one object. */
export interface ObjectInfo {
  readonly size: number;
  /** A strong validator, quoted as in HTTP (`"…"`); changes whenever the object's bytes may have changed. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** Inclusive byte range, already validated against the object's size by the caller. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface PutOptions {
  /** Expected length; required by S3 for a stream body, checked by the filesystem backend. */
  readonly size?: number;
  readonly contentType?: string;
}

/**
 * Object storage as static sites need it. Keys are `/`-separated relative paths (see `siteKey`);
 * backends refuse keys that could escape their root (`..`, NUL, backslash, leading `/`).
 */
export interface ObjectStore {
  /** undefined when the object does not exist (never throws for a missing key). */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** The object's bytes (or the given range) as a stream; undefined when missing. */
  get(key: string, range?: ByteRange): Promise<{ info: ObjectInfo; body: Readable } | undefined>;
  /** Small objects in one read (the router's hot-object cache uses it). */
  getBytes(key: string): Promise<{ info: ObjectInfo; bytes: Buffer } | undefined>;
  put(key: string, body: Buffer | Readable, options?: PutOptions): Promise<void>;
  /** Every object whose key starts with `prefix` (a plain string prefix, as in S3). */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
  /** Deletes every object whose key starts with `prefix`; resolves to how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  close(): Promise<void>;
}
