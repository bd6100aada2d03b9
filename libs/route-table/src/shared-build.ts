/**
 * A fresh table filled by several threads at once: the router's ingest pool indexes a snapshot's
 * batches in parallel, each thread a `SharedBuilder` over the same buffers, then one thread sums
 * their counters (`finishSharedBuild`) and adopts the table (`RouteTableWriter.adopt`).
 *
 * No reader sees the table before it is adopted, so the only concern is the builders among
 * themselves:
 * - arena: each batch claims the bytes it needs with one compare-and-swap on CTL_ARENA_USED (the
 *   shared bump pointer during the build) and allocates inside its claim without further atomics;
 * - hostname and id slots: a slot is claimed with one compare-and-swap of its offset word (key
 *   entry, resp. cell) from 0; the winner then stores the hash. A thread that lost the race waits
 *   for the hash (the winner stores it right after) and compares as usual. Key entries and records
 *   are written before their slot is claimed, so whoever finds a slot finds them complete;
 * - wildcard filter bits are set with `Atomics.or`;
 * - hostname and id slots are reserved per batch (CTL_HOST_SLOTS_USED, CTL_ID_SLOTS_USED count
 *   reservations during the build) so that the indexes stay below MAX_LOAD.
 *
 * A batch that does not fit (arena or slots) is left untouched and reported, to be applied after
 * the build by the adopting writer, which grows the table. A record whose id, or one of whose
 * hostnames, is already in the table (another record of the same snapshot; a consistent
 * snapshot has none: ids and hostnames are unique in the service database) is reported as
 * deferred: applied again after the build by the adopting writer, it ends up as an update of the
 * service and moves the hostname, as a later upsert would. Which of two such duplicates is
 * applied later depends on thread timing, not on stream order.
 */
import { RouteTableError } from './errors.ts';
import { CHAR_STAR, hashString, KEY_WORDS_MAX } from './hash.ts';
import {
  alignUp,
  CELL_ALIGN,
  CELL_BYTES,
  CELL_LAST_RECORD,
  CELL_LIVE_RECORD,
  CTL_ARENA_USED,
  CTL_CELLS_USED,
  CTL_GARBAGE_BYTES,
  CTL_HOST_SLOTS_USED,
  CTL_ID_SLOTS_USED,
  CTL_LIVE_HOSTNAMES,
  CTL_LIVE_SERVICES,
  HOST_SLOT_HASH,
  HOST_SLOT_KEY,
  HOST_SLOT_WORDS,
  ID_SLOT_CELL,
  ID_SLOT_HASH,
  ID_SLOT_WORDS,
  KEY_ALIGN,
  KEY_BYTES,
  KEY_CELL,
  KEY_LENGTH,
  keyEntryBytes,
  NO_OFFSET,
  REC_BLOB_LENGTH,
  REC_ID_LENGTH,
  REC_STRINGS,
  RECORD_ALIGN,
  recordHostListAt,
  type TableHandle,
} from './layout.ts';
import { type PreparedRecord, prepareRecord, type ServiceRecord, writeRecord } from './record.ts';
import { allocateTable, TableViews } from './table-buffers.ts';
import { capacityForSizing, encodeStoredKey, MAX_LOAD, type RouteTableSizing } from './writer.ts';

/** What one builder did; `finishSharedBuild` sums them into the control block. */
export interface BuildCounters {
  hostSlotsUsed: number;
  idSlotsUsed: number;
  cellsUsed: number;
  liveServices: number;
  liveHostnames: number;
  garbageBytes: number;
}

export interface BatchOutcome {
  /** False: the table had no room; nothing of the batch was written. */
  readonly fitted: boolean;
  /** Indexes of records refused (invalid), with the reason. */
  readonly rejected: { readonly index: number; readonly reason: string }[];
  /** Indexes of records to apply again after the build (a duplicate id or hostname). */
  readonly deferred: number[];
}

/** A claimed slot's hash follows its claim at once; this many reads means its builder died. */
const MAX_SPINS = 1e9;
/** Worst-case padding before a cell that follows 4-byte-aligned key entries. */
const CELL_PADDING = CELL_ALIGN - KEY_ALIGN;

/** Fresh buffers for a table that several SharedBuilders will fill. */
export function allocateSharedBuild(sizing: RouteTableSizing): TableHandle {
  return allocateTable(capacityForSizing(sizing));
}

/**
 * Writes the summed counters of every builder into the control block (after all of them have
 * finished and reported); then `RouteTableWriter.adopt(handle)` takes the table over.
 */
export function finishSharedBuild(handle: TableHandle, parts: readonly BuildCounters[]): void {
  const control = new Int32Array(handle.control);
  for (const [index, name] of CONTROL_COUNTERS) {
    let total = 0;
    for (const part of parts) total += part[name];
    Atomics.store(control, index, total);
  }
}

/** Where each builder counter goes in the control block. */
const CONTROL_COUNTERS: readonly (readonly [number, keyof BuildCounters])[] = [
  [CTL_HOST_SLOTS_USED, 'hostSlotsUsed'],
  [CTL_ID_SLOTS_USED, 'idSlotsUsed'],
  [CTL_CELLS_USED, 'cellsUsed'],
  [CTL_LIVE_SERVICES, 'liveServices'],
  [CTL_LIVE_HOSTNAMES, 'liveHostnames'],
  [CTL_GARBAGE_BYTES, 'garbageBytes'],
];

/** One thread's part of a shared build. */
export class SharedBuilder {
  readonly #views: TableViews;
  readonly #words = new Int32Array(KEY_WORDS_MAX);
  readonly #hostLimit: number;
  readonly #idLimit: number;
  readonly counters: BuildCounters = {
    hostSlotsUsed: 0,
    idSlotsUsed: 0,
    cellsUsed: 0,
    liveServices: 0,
    liveHostnames: 0,
    garbageBytes: 0,
  };
  /** The current batch's claim: next free byte and end. */
  #next = 0;
  #end = 0;

  constructor(handle: TableHandle) {
    this.#views = new TableViews(handle);
    this.#hostLimit = Math.floor((this.#views.hostMask + 1) * MAX_LOAD);
    this.#idLimit = Math.floor((this.#views.idMask + 1) * MAX_LOAD);
  }

  /** Indexes one batch of records (a snapshot's ServiceBatch). */
  addBatch(records: readonly ServiceRecord[]): BatchOutcome {
    const rejected: { index: number; reason: string }[] = [];
    const deferred: number[] = [];
    const prepared: (PreparedRecord | undefined)[] = [];
    let bytes = 0;
    let hostnames = 0;
    for (let i = 0; i < records.length; i++) {
      let record: PreparedRecord | undefined;
      try {
        record = prepareRecord(records[i] as ServiceRecord);
      } catch (error) {
        if (!(error instanceof RouteTableError)) throw error;
        rejected.push({ index: i, reason: error.message });
      }
      prepared.push(record);
      if (record === undefined) continue;
      bytes += CELL_PADDING + CELL_BYTES + record.bytes;
      for (const hostname of record.hostnames) bytes += keyEntryBytes(hostname.length);
      hostnames += record.hostnames.length;
    }
    if (!this.#claim(bytes, hostnames, records.length - rejected.length)) {
      return { fitted: false, rejected: [], deferred: [] };
    }
    for (let i = 0; i < prepared.length; i++) {
      const record = prepared[i];
      if (record !== undefined && !this.#add(record)) deferred.push(i);
    }
    // What alignment did not use of the claim.
    this.counters.garbageBytes += this.#end - this.#next;
    return { fitted: true, rejected, deferred };
  }

  /** Reserves slots and claims arena bytes for a batch; false (nothing held) when it does not fit. */
  #claim(bytes: number, hostnames: number, services: number): boolean {
    const control = this.#views.control;
    if (!reserve(control, CTL_HOST_SLOTS_USED, hostnames, this.#hostLimit)) return false;
    if (!reserve(control, CTL_ID_SLOTS_USED, services, this.#idLimit)) {
      Atomics.sub(control, CTL_HOST_SLOTS_USED, hostnames);
      return false;
    }
    const arenaBytes = this.#views.handle.arena.byteLength;
    for (;;) {
      const used = Atomics.load(control, CTL_ARENA_USED);
      const at = alignUp(used, RECORD_ALIGN);
      if (at + bytes > arenaBytes) {
        Atomics.sub(control, CTL_HOST_SLOTS_USED, hostnames);
        Atomics.sub(control, CTL_ID_SLOTS_USED, services);
        return false;
      }
      if (Atomics.compareExchange(control, CTL_ARENA_USED, used, at + bytes) === used) {
        this.counters.garbageBytes += at - used;
        this.#next = at;
        this.#end = at + bytes;
        return true;
      }
    }
  }

  #allocate(bytes: number, alignment: number): number {
    const at = alignUp(this.#next, alignment);
    this.#next = at + bytes;
    return at;
  }

  /** Writes and indexes one record; false when its id or a hostname was already taken. */
  #add(record: PreparedRecord): boolean {
    const views = this.#views;
    const arena32 = views.arena32;
    const counters = this.counters;
    const cell = this.#allocate(CELL_BYTES, CELL_ALIGN);
    const at = this.#allocate(record.bytes, RECORD_ALIGN);
    counters.cellsUsed++;
    writeRecord(views, at, record, cell);
    arena32[(cell + CELL_LAST_RECORD) >> 2] = at;
    if (!this.#claimId(record.id, hashString(record.id), cell)) {
      // The cell and record stay unreachable; the key entries' share of the claim is never used.
      counters.garbageBytes += CELL_BYTES + record.bytes;
      return false;
    }
    counters.idSlotsUsed++;
    counters.liveServices++;
    const list = recordHostListAt(at, record.instances.length) >> 2;
    const words = this.#words;
    let complete = true;
    record.hostnames.forEach((hostname, i) => {
      const hash = encodeStoredKey(hostname, words);
      const key = this.#insertKey(hostname.length, hash, cell);
      arena32[list + i] = key;
      if (key === NO_OFFSET) complete = false;
    });
    arena32[(cell + CELL_LIVE_RECORD) >> 2] = at;
    return complete;
  }

  /** Claims an id slot for `cell` (whose last record is written); false if the id is present. */
  #claimId(id: string, hash: number, cell: number): boolean {
    const { ids, idMask } = this.#views;
    let slot = hash & idMask;
    for (;;) {
      const at = slot * ID_SLOT_WORDS;
      let slotHash = ids[at + ID_SLOT_HASH] as number;
      if (slotHash === 0) {
        if (Atomics.compareExchange(ids, at + ID_SLOT_CELL, 0, cell) === 0) {
          Atomics.store(ids, at + ID_SLOT_HASH, hash);
          return true;
        }
        slotHash = waitForHash(ids, at + ID_SLOT_HASH);
      }
      if (slotHash === hash && this.#sameId(Atomics.load(ids, at + ID_SLOT_CELL), id)) return false;
      slot = (slot + 1) & idMask;
    }
  }

  #sameId(cell: number, id: string): boolean {
    const { arena8, arena32 } = this.#views;
    const record = arena32[(cell + CELL_LAST_RECORD) >> 2] as number;
    if (arena8[record + REC_ID_LENGTH] !== id.length) return false;
    const bytes =
      record + (arena32[(record + REC_STRINGS) >> 2] as number) + (arena32[(record + REC_BLOB_LENGTH) >> 2] as number);
    for (let i = 0; i < id.length; i++) if (arena8[bytes + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /**
   * Writes a key entry mapped to `cell` and claims a hostname slot for it; NO_OFFSET (the entry
   * left as garbage) when the hostname is already in the table. `#words` holds the packed key.
   */
  #insertKey(length: number, hash: number, cell: number): number {
    const { hosts, hostMask, arena32 } = this.#views;
    const words = this.#words;
    const count = (length + 3) >> 2;
    const key = this.#allocate(keyEntryBytes(length), KEY_ALIGN);
    const first = (key + KEY_BYTES) >> 2;
    for (let i = 0; i < count; i++) arena32[first + i] = words[i] as number;
    arena32[(key + KEY_LENGTH) >> 2] = length;
    arena32[(key + KEY_CELL) >> 2] = cell;
    if (((words[0] as number) & 0xff) === CHAR_STAR) this.#markWildcard(hash);
    let slot = hash & hostMask;
    for (;;) {
      const at = slot * HOST_SLOT_WORDS;
      let slotHash = hosts[at + HOST_SLOT_HASH] as number;
      if (slotHash === 0) {
        if (Atomics.compareExchange(hosts, at + HOST_SLOT_KEY, 0, key) === 0) {
          Atomics.store(hosts, at + HOST_SLOT_HASH, hash);
          this.counters.hostSlotsUsed++;
          this.counters.liveHostnames++;
          return key;
        }
        slotHash = waitForHash(hosts, at + HOST_SLOT_HASH);
      }
      if (slotHash === hash && sameKey(arena32, Atomics.load(hosts, at + HOST_SLOT_KEY), first, length)) {
        this.counters.garbageBytes += keyEntryBytes(length);
        return NO_OFFSET;
      }
      slot = (slot + 1) & hostMask;
    }
  }

  #markWildcard(hash: number): void {
    const bit = hash & this.#views.wildcardMask;
    Atomics.or(this.#views.wildcards, bit >>> 5, 1 << (bit & 31));
  }
}

/** Adds `n` to a reservation counter unless that would pass `limit`. */
function reserve(control: Int32Array, index: number, n: number, limit: number): boolean {
  for (;;) {
    const used = Atomics.load(control, index);
    if (used + n > limit) return false;
    if (Atomics.compareExchange(control, index, used, used + n) === used) return true;
  }
}

/** The hash of a slot another builder has just claimed (it stores it right after its claim). */
function waitForHash(words: Int32Array, index: number): number {
  for (let spins = 0; spins < MAX_SPINS; spins++) {
    const hash = Atomics.load(words, index);
    if (hash !== 0) return hash;
  }
  throw new RouteTableError('ERR_ROUTE_TABLE_INTERNAL', 'a builder claimed a slot and never finished it');
}

/** Whether the key entry at `key` holds the same hostname as the words at `first`. */
function sameKey(arena32: Int32Array, key: number, first: number, length: number): boolean {
  if (arena32[(key + KEY_LENGTH) >> 2] !== length) return false;
  const other = (key + KEY_BYTES) >> 2;
  const count = (length + 3) >> 2;
  for (let i = 0; i < count; i++) if (arena32[other + i] !== arena32[first + i]) return false;
  return true;
}
