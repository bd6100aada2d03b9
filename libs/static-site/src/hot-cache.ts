import { StaticOptionsError } from './errors.ts';
import { noopStaticMetrics, StaticEvent, type StaticMetrics } from './metrics.ts';

/** What the store said about an object, as the handler needs it. */
export interface ObjectMeta {
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * A cached answer for one object key: the object's metadata and, for small objects, its bytes;
 * or (meta undefined) "no such object".
 */
export interface CachedObject {
  readonly meta: ObjectMeta | undefined;
  readonly bytes: Buffer | undefined;
}

export interface HotCacheOptions {
  /** Byte budget of the whole cache (bodies plus a fixed cost per entry). 0 disables it. Default 64 MiB. */
  maxBytes?: number;
  /** Objects larger than this are never held in memory (their metadata is). Default 256 KiB. */
  maxObjectBytes?: number;
  /** "No such object" answers are kept this long. Default 5 000 ms. */
  negativeTtlMs?: number;
  /** Most "no such object" entries kept at once. Default 10 000. */
  maxNegativeEntries?: number;
  /** Hits, misses and evictions are also reported here. */
  metrics?: StaticMetrics;
}

export interface HotCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  bytes: number;
  entries: number;
}

interface Entry extends CachedObject {
  readonly cost: number;
  /** For negative entries: when they stop counting. */
  readonly expiresAt: number;
}

/** Fixed accounting cost per entry besides the body (key, metadata, Map slot). */
const ENTRY_OVERHEAD = 200;

/**
 * A per-serving-thread LRU of objects keyed by their full key (`sites/<id>/<build>/<path>`, so the
 * build id is part of it: a new build never sees an old build's entries, and nothing needs
 * invalidating — a build's objects never change once it is published). Bounded by bytes; a
 * `Map`'s insertion order is the recency order (a hit re-inserts). Missing objects are cached
 * too, briefly and in bounded number, so a burst of 404s does not hit the store each time.
 */
export class HotObjectCache {
  readonly maxBytes: number;
  readonly maxObjectBytes: number;
  readonly #negativeTtlMs: number;
  readonly #maxNegative: number;
  readonly #entries = new Map<string, Entry>();
  readonly #metrics: StaticMetrics;
  #bytes = 0;
  #negatives = 0;
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(options: HotCacheOptions = {}) {
    this.maxBytes = nonNegative(options.maxBytes ?? 64 * 1024 * 1024, 'maxBytes');
    this.maxObjectBytes = nonNegative(options.maxObjectBytes ?? 256 * 1024, 'maxObjectBytes');
    this.#negativeTtlMs = nonNegative(options.negativeTtlMs ?? 5_000, 'negativeTtlMs');
    this.#maxNegative = nonNegative(options.maxNegativeEntries ?? 10_000, 'maxNegativeEntries');
    this.#metrics = options.metrics ?? noopStaticMetrics;
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The cached answer, or undefined on a miss. Counts the hit or miss. */
  get(key: string): CachedObject | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.misses++;
      this.#metrics.event(StaticEvent.cacheMiss);
      return undefined;
    }
    if (entry.meta === undefined && entry.expiresAt < Date.now()) {
      this.#delete(key, entry);
      this.misses++;
      this.#metrics.event(StaticEvent.cacheMiss);
      return undefined;
    }
    // Most recently used goes last.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.hits++;
    this.#metrics.event(StaticEvent.cacheHit);
    return entry;
  }

  /** Remembers an existing object; `bytes` only when it is small enough (otherwise its metadata alone). */
  setObject(key: string, meta: ObjectMeta, bytes: Buffer | undefined): void {
    const body = bytes !== undefined && bytes.length <= this.maxObjectBytes ? bytes : undefined;
    this.#put(key, { meta, bytes: body, cost: ENTRY_OVERHEAD + key.length + (body?.length ?? 0), expiresAt: 0 });
  }

  /** Remembers that `key` does not exist, for a short while. */
  setMissing(key: string): void {
    if (this.#maxNegative === 0 || this.#negativeTtlMs === 0) return;
    if (this.#negatives >= this.#maxNegative) this.#evictNegative();
    this.#put(key, {
      meta: undefined,
      bytes: undefined,
      cost: ENTRY_OVERHEAD + key.length,
      expiresAt: Date.now() + this.#negativeTtlMs,
    });
  }

  stats(): HotCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      bytes: this.#bytes,
      entries: this.#entries.size,
    };
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
    this.#negatives = 0;
  }

  #put(key: string, entry: Entry): void {
    if (entry.cost > this.maxBytes) return;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#delete(key, old);
    while (this.#bytes + entry.cost > this.maxBytes) {
      const oldest = this.#entries.entries().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest[0], oldest[1]);
      this.#evicted();
    }
    this.#entries.set(key, entry);
    this.#bytes += entry.cost;
    if (entry.meta === undefined) this.#negatives++;
  }

  /** The least recently used negative entry goes (a scan, only when the negative bound is hit). */
  #evictNegative(): void {
    for (const [key, entry] of this.#entries) {
      if (entry.meta === undefined) {
        this.#delete(key, entry);
        this.#evicted();
        return;
      }
    }
  }

  #evicted(): void {
    this.evictions++;
    this.#metrics.event(StaticEvent.cacheEviction);
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.cost;
    if (entry.meta === undefined) this.#negatives--;
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new StaticOptionsError(`${name} must be a number ≥ 0, got ${value}`);
  return value;
}
