import { CHAR_DOT, encodeKey, hostnameEnd, KEY_WORDS_MAX } from './hash.ts';
import {
  CELL_LIVE_RECORD,
  FLAG_HTTPS_REDIRECT,
  HOST_SLOT_HASH,
  HOST_SLOT_KEY,
  HOST_SLOT_WORDS,
  INST_HOST,
  INST_HOST_LENGTH,
  INST_PORT,
  INST_READY,
  INSTANCE_BYTES,
  KEY_BYTES,
  KEY_CELL,
  KEY_LENGTH,
  KEY_UNMAPPED,
  MAX_HOSTNAME_LENGTH,
  NO_OFFSET,
  REC_BLOB_LENGTH,
  REC_BUILD_LENGTH,
  REC_FIXED_BYTES,
  REC_FLAGS,
  REC_HSTS_LENGTH,
  REC_ID_LENGTH,
  REC_INSTANCE_COUNT,
  REC_KIND,
  REC_PLAN,
  REC_STATE,
  REC_STRINGS,
  REC_VERSION,
  type TableHandle,
} from './layout.ts';
import { TableViews } from './table-buffers.ts';

/** lookup() found nothing. Record references are otherwise positive. */
export const MISS = -1;

/** How the last lookup matched. */
export const MATCH_NONE = 0;
export const MATCH_EXACT = 1;
export const MATCH_WILDCARD = 2;

/**
 * A reader of the route table (any thread, typically an HTTP worker). Lock-free and
 * allocation-free: lookup() returns a record reference (a number) and the accessors read the
 * record's fields in place. Records are immutable, so every accessor called with one reference
 * sees the same version of the service. A reference is valid until switchTo(): read what you
 * need synchronously after the lookup.
 *
 * Lookup normalises the Host value: ASCII case is ignored, `:port` and one trailing dot are
 * stripped. An exact match wins; otherwise the wildcard parent, one level only, as in TLS:
 * `a.b.example.com` matches `*.b.example.com`, never `*.example.com`. A host containing `*`
 * is not a hostname and never matches (a literal `*.example.com` does not reach the wildcard).
 */
export class RouteTableReader {
  // Set by use(), from the constructor and switchTo().
  private views!: TableViews;
  private hosts!: Int32Array;
  private wildcards!: Int32Array;
  private wildcardMask!: number;
  private arena8!: Uint8Array;
  private arena16!: Uint16Array;
  private arena32!: Int32Array;
  private arenaF64!: Float64Array;
  private mask!: number;
  private readonly words = new Int32Array(KEY_WORDS_MAX);
  /** MATCH_NONE, MATCH_EXACT or MATCH_WILDCARD for the most recent lookup(). */
  matched = MATCH_NONE;

  private constructor(views: TableViews) {
    this.use(views);
  }

  static attach(handle: TableHandle): RouteTableReader {
    return new RouteTableReader(new TableViews(handle));
  }

  /** Moves to another generation's buffers (between requests); returns its generation to acknowledge. */
  switchTo(handle: TableHandle): number {
    this.use(new TableViews(handle));
    return handle.generation;
  }

  /** Caches the typed-array views in fields: the lookup path reads them on every probe. */
  private use(views: TableViews): void {
    this.views = views;
    this.hosts = views.hosts;
    this.wildcards = views.wildcards;
    this.wildcardMask = views.wildcardMask;
    this.arena8 = views.arena8;
    this.arena16 = views.arena16;
    this.arena32 = views.arena32;
    this.arenaF64 = views.arenaF64;
    this.mask = views.hostMask;
  }

  get generation(): number {
    return this.views.handle.generation;
  }

  /** The record reference for a Host value, or MISS. */
  lookup(host: string): number {
    const words = this.words;
    // Fast path: no port. encodeKey gives up (0) on `:`, `*` or non-ASCII.
    let end = host.length;
    if (end > 0 && host.charCodeAt(end - 1) === CHAR_DOT) end--;
    let hash = end === 0 || end > MAX_HOSTNAME_LENGTH ? 0 : encodeKey(host, 0, end, false, words);
    if (hash === 0) {
      end = hostnameEnd(host);
      if (end === 0 || end > MAX_HOSTNAME_LENGTH) return this.miss();
      hash = encodeKey(host, 0, end, false, words);
      if (hash === 0) return this.miss();
    }
    let record = this.find(hash, end, words);
    if (record !== MISS) {
      this.matched = MATCH_EXACT;
      return record;
    }
    const dot = host.indexOf('.');
    if (dot > 0 && dot < end) {
      hash = encodeKey(host, dot, end, true, words);
      const bit = hash & this.wildcardMask;
      if ((this.wildcards[bit >>> 5] & (1 << (bit & 31))) === 0) return this.miss();
      record = this.find(hash, end - dot + 1, words);
      if (record !== MISS) {
        this.matched = MATCH_WILDCARD;
        return record;
      }
    }
    return this.miss();
  }

  private miss(): number {
    this.matched = MATCH_NONE;
    return MISS;
  }

  /**
   * Probes for the key packed in `words`. Plain loads: each step reads an offset that the
   * writer published with Atomics.store after writing what it points to, and the next load's
   * address depends on it (the RCU pattern; see docs/route-table.md).
   */
  private find(hash: number, length: number, words: Int32Array): number {
    const hosts = this.hosts;
    const arena32 = this.arena32;
    const mask = this.mask;
    const count = (length + 3) >> 2;
    let slot = hash & mask;
    for (;;) {
      const at = slot * HOST_SLOT_WORDS;
      const slotHash = hosts[at + HOST_SLOT_HASH];
      if (slotHash === 0) return MISS;
      if (slotHash === hash) {
        const key = hosts[at + HOST_SLOT_KEY] as number;
        if (key !== NO_OFFSET && arena32[(key + KEY_LENGTH) >> 2] === length) {
          const first = (key + KEY_BYTES) >> 2;
          let i = 0;
          while (i < count && arena32[first + i] === words[i]) i++;
          if (i === count) return this.resolve(key);
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Key entry → service cell → published record. */
  private resolve(key: number): number {
    const arena32 = this.arena32;
    const word = (key + KEY_CELL) >> 2;
    const cell = arena32[word] as number;
    if (cell === KEY_UNMAPPED) return MISS;
    const record = arena32[(cell + CELL_LIVE_RECORD) >> 2] as number;
    return record !== NO_OFFSET ? record : this.resolveMoved(word, cell);
  }

  /**
   * The service was unpublished after we read the key. The writer re-points or unmaps a
   * hostname before it unpublishes the service, so the key now says where it went.
   */
  private resolveMoved(word: number, cell: number): number {
    for (;;) {
      const now = Atomics.load(this.arena32, word);
      if (now === cell || now === KEY_UNMAPPED) return MISS;
      cell = now;
      const record = Atomics.load(this.arena32, (cell + CELL_LIVE_RECORD) >> 2);
      if (record !== NO_OFFSET) return record;
    }
  }

  kind(record: number): number {
    return this.arena8[record + REC_KIND] as number;
  }

  plan(record: number): number {
    return this.arena8[record + REC_PLAN] as number;
  }

  state(record: number): number {
    return this.arena8[record + REC_STATE] as number;
  }

  /** The cache's version of this record (changes whenever the record does). */
  version(record: number): number {
    return this.arenaF64[(record + REC_VERSION) >> 3] as number;
  }

  instanceCount(record: number): number {
    return this.arena16[(record + REC_INSTANCE_COUNT) >> 1] as number;
  }

  /** Port of instance `index` (0 when out of range). */
  instancePort(record: number, index: number): number {
    if (index >= this.instanceCount(record) || index < 0) return 0;
    return this.arena16[(record + REC_FIXED_BYTES + index * INSTANCE_BYTES + INST_PORT) >> 1] as number;
  }

  instanceReady(record: number, index: number): boolean {
    if (index >= this.instanceCount(record) || index < 0) return false;
    return this.arena8[record + REC_FIXED_BYTES + index * INSTANCE_BYTES + INST_READY] === 1;
  }

  /** Host of instance `index` ('' when out of range). Allocates the string. */
  instanceHost(record: number, index: number): string {
    if (index >= this.instanceCount(record) || index < 0) return '';
    const slot = record + REC_FIXED_BYTES + index * INSTANCE_BYTES;
    const at = record + (this.arena32[(slot + INST_HOST) >> 2] as number);
    return this.views.arenaText.toString('utf8', at, at + (this.arena8[slot + INST_HOST_LENGTH] as number));
  }

  /** The service id (allocates the string). */
  serviceId(record: number): string {
    const at = this.idAt(record);
    return this.views.arenaText.toString('latin1', at, at + (this.arena8[record + REC_ID_LENGTH] as number));
  }

  /** Plain-HTTP requests to this service are redirected to HTTPS. */
  httpsRedirect(record: number): boolean {
    return ((this.arena8[record + REC_FLAGS] as number) & FLAG_HTTPS_REDIRECT) !== 0;
  }

  /** The Strict-Transport-Security value for HTTPS responses, '' when none (allocates the string). */
  hsts(record: number): string {
    const length = this.arena8[record + REC_HSTS_LENGTH] as number;
    if (length === 0) return '';
    const at =
      this.idAt(record) +
      (this.arena8[record + REC_ID_LENGTH] as number) +
      (this.arena8[record + REC_BUILD_LENGTH] as number);
    return this.views.arenaText.toString('latin1', at, at + length);
  }

  /** Static sites: the active build id, '' when none (allocates the string). */
  activeBuildId(record: number): string {
    const at = this.idAt(record) + (this.arena8[record + REC_ID_LENGTH] as number);
    return this.views.arenaText.toString('utf8', at, at + (this.arena8[record + REC_BUILD_LENGTH] as number));
  }

  blobLength(record: number): number {
    return this.arena32[(record + REC_BLOB_LENGTH) >> 2] as number;
  }

  /** The opaque blob: a read-only view into shared memory, valid until switchTo(). */
  blob(record: number): Uint8Array {
    const at = record + (this.arena32[(record + REC_STRINGS) >> 2] as number);
    return this.arena8.subarray(at, at + this.blobLength(record));
  }

  private idAt(record: number): number {
    return (
      record +
      (this.arena32[(record + REC_STRINGS) >> 2] as number) +
      (this.arena32[(record + REC_BLOB_LENGTH) >> 2] as number)
    );
  }
}
