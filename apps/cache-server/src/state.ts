import { type RecordContent, type StoredRecord, stamp } from './stored-record.ts';

/** A removal: the service was deleted or left the region at `version`. */
export interface Tombstone {
  version: number;
  commitTimeMs: number;
}

/** What one follower step changed; records and tombstones are already stamped with `version`. */
export interface AppliedChange {
  previousVersion: number;
  version: number;
  upserts: StoredRecord[];
  removedIds: string[];
  commitTimeMs: number;
}

/** Everything a client at `fromVersion` is missing, or `null` when only a snapshot can bring it up to date. */
export interface ChangesSince {
  version: number;
  upserts: StoredRecord[];
  removedIds: string[];
  commitTimeMs: number;
}

/**
 * The region's routing records, each stamped with the version that last changed it, plus tombstones
 * for removals. Records are held encoded (`StoredRecord`) and are immutable: an update replaces the
 * object, so an array of references taken at one moment is a consistent snapshot at that moment's
 * version.
 */
export class RouteState {
  /** Every change with xid < version is reflected (DESIGN.md "Versions"). */
  version = 0;
  /** Commit time of the newest applied change (Unix ms). */
  commitTimeMs = 0;
  /** Deltas are complete for clients at or above this version; older ones need a snapshot. */
  completeSince = 0;
  loaded = false;
  #records = new Map<string, StoredRecord>();
  readonly tombstones = new Map<string, Tombstone>();
  readonly #listeners = new Set<(change: AppliedChange) => void>();

  /** By service id. */
  get records(): Map<string, StoredRecord> {
    return this.#records;
  }

  /**
   * Replaces everything (initial load or full reload); records and tombstones come stamped. A Map of
   * records is adopted as it is (the initial load builds one; copying a million entries is not free).
   */
  reset(input: {
    version: number;
    commitTimeMs: number;
    completeSince: number;
    records: Map<string, StoredRecord> | Iterable<[string, StoredRecord]>;
    tombstones: Iterable<[string, Tombstone]>;
  }): void {
    this.tombstones.clear();
    if (input.records instanceof Map) this.#records = input.records;
    else {
      this.#records = new Map();
      for (const [id, record] of input.records) this.#records.set(id, record);
    }
    for (const [id, tombstone] of input.tombstones) {
      if (!this.records.has(id)) this.tombstones.set(id, tombstone);
    }
    this.version = input.version;
    this.commitTimeMs = input.commitTimeMs;
    this.completeSince = input.completeSince;
    this.loaded = true;
  }

  /**
   * Applies fresh rows of changed services at `version`: `upserts` are the region's current records,
   * `removedIds` services deleted or gone to another region (ignored unless held). Subscribers are told.
   * A `partial` step (one batch of a large change) stamps its records with `version` but leaves the
   * state's version where it was, and is announced at the previous version: nobody may believe they
   * have `version` before the last batch is applied. `commitTimes`: each record's own commit time
   * (Unix ms) by id; records without one are stamped with `commitTimeMs`.
   */
  apply(
    version: number,
    upserts: readonly RecordContent[],
    removedIds: readonly string[],
    commitTimeMs: number,
    opts: { partial?: boolean; commitTimes?: ReadonlyMap<string, number> } = {},
  ): AppliedChange {
    const previousVersion = this.version;
    const nextVersion = Math.max(version, previousVersion);
    const changeTime = commitTimeMs || this.commitTimeMs;
    const stamped: StoredRecord[] = [];
    for (const fresh of upserts) {
      const record = stamp(fresh.content, nextVersion, opts.commitTimes?.get(fresh.id) || changeTime);
      this.records.set(fresh.id, record);
      this.tombstones.delete(fresh.id);
      stamped.push(record);
    }
    const removed: string[] = [];
    for (const id of removedIds) {
      if (!this.records.delete(id)) continue;
      this.tombstones.set(id, { version: nextVersion, commitTimeMs: opts.commitTimes?.get(id) || changeTime });
      removed.push(id);
    }
    if (!opts.partial) this.version = nextVersion;
    if (commitTimeMs > this.commitTimeMs) this.commitTimeMs = commitTimeMs;
    const change: AppliedChange = {
      previousVersion,
      version: this.version,
      upserts: stamped,
      removedIds: removed,
      commitTimeMs: this.commitTimeMs,
    };
    if (stamped.length > 0 || removed.length > 0) {
      for (const listener of this.#listeners) listener(change);
    }
    return change;
  }

  /** Moves the version forward when the database's xmin advanced with nothing for this region. */
  advance(version: number, commitTimeMs: number): void {
    if (version > this.version) this.version = version;
    if (commitTimeMs > this.commitTimeMs) this.commitTimeMs = commitTimeMs;
  }

  onChange(listener: (change: AppliedChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Records and tombstones stamped after `fromVersion`, or null when tombstones that old were pruned. */
  changesSince(fromVersion: number): ChangesSince | null {
    if (fromVersion < this.completeSince || fromVersion <= 0) return null;
    const upserts: StoredRecord[] = [];
    for (const record of this.records.values()) {
      if (record.version > fromVersion) upserts.push(record);
    }
    const removedIds: string[] = [];
    for (const [id, tombstone] of this.tombstones) {
      if (tombstone.version > fromVersion) removedIds.push(id);
    }
    return { version: this.version, upserts, removedIds, commitTimeMs: this.commitTimeMs };
  }

  /** All records at the current version (references; records are never mutated). */
  snapshot(): { version: number; commitTimeMs: number; records: StoredRecord[] } {
    return { version: this.version, commitTimeMs: this.commitTimeMs, records: [...this.records.values()] };
  }

  /** Drops tombstones committed before `olderThanMs`; clients older than the newest dropped one need a snapshot. */
  pruneTombstones(olderThanMs: number): number {
    let pruned = 0;
    for (const [id, tombstone] of this.tombstones) {
      if (tombstone.commitTimeMs >= olderThanMs) continue;
      this.tombstones.delete(id);
      if (tombstone.version > this.completeSince) this.completeSince = tombstone.version;
      pruned++;
    }
    return pruned;
  }
}
