import { CHAR_STAR, encodeKey, hashString, hashWords, KEY_WORDS_MAX } from './hash.ts';
import {
  CELL_BYTES,
  ID_SLOT_CELL,
  ID_SLOT_HASH,
  ID_SLOT_WORDS,
  INSTANCE_BYTES,
  KEY_BYTES,
  KEY_LENGTH,
  KEY_UNMAPPED,
  keyEntryBytes,
  NO_OFFSET,
  REC_CELL,
  REC_FIXED_BYTES,
  REC_HOST_COUNT,
  REC_INSTANCE_COUNT,
  RECORD_ALIGN,
  type TableHandle,
} from './layout.ts';
import { type PreparedRecord, prepareRecord, type ServiceRecord, writeRecord } from './record.ts';
import {
  allocateTable,
  MAX_ARENA_BYTES,
  nextPowerOfTwo,
  restampGeneration,
  roundArena,
  type TableCapacity,
  totalBytes,
} from './table-buffers.ts';
import { WritableTable } from './writable-table.ts';

/** How big a fresh table should be; everything grows on demand, this only avoids early rebuilds. */
export interface RouteTableSizing {
  readonly services?: number;
  readonly hostnames?: number;
  /** Arena bytes (records and hostname keys); estimated from the counts when absent. */
  readonly arenaBytes?: number;
}

/** One change set, applied so that no reader ever sees a hostname missing while it moves. */
export interface RouteDelta {
  readonly upserts?: readonly ServiceRecord[];
  readonly removedIds?: readonly string[];
}

export interface RouteTableStats {
  readonly generation: number;
  readonly services: number;
  readonly hostnames: number;
  readonly hostCapacity: number;
  readonly hostSlotsUsed: number;
  readonly idCapacity: number;
  readonly idSlotsUsed: number;
  readonly arenaBytes: number;
  readonly arenaUsedBytes: number;
  /** Arena bytes held by superseded records and unmapped hostnames, reclaimed by the next rebuild. */
  readonly garbageBytes: number;
  /** All shared buffers of this generation. */
  readonly totalBytes: number;
}

export type HandoverListener = (handle: TableHandle, previous: TableHandle) => void;

// Open addressing stays fast well below these loads; a rebuild sizes for TARGET_LOAD.
export const MAX_LOAD = 0.75;
const TARGET_LOAD = 0.5;
/** Room for later deltas in a rebuilt or snapshot-built table (hostname slots get theirs from TARGET_LOAD). */
const GROWTH = 1.25;
const MIN_SERVICES = 64;
const MIN_ARENA_BYTES = 64 * 1024;
/** Estimates for sizing a table from counts alone. */
const ESTIMATED_RECORD_BYTES = 128;
const ESTIMATED_KEY_BYTES = 36;
const SNAPSHOT_CHUNK = 4096;

interface PendingUpsert {
  readonly cell: number;
  /** The record just written, and the one it replaces (NO_OFFSET when new). */
  readonly at: number;
  readonly previous: number;
}

/** The buffer sizes of a fresh table for this sizing (also used by parallel builds, shared-build.ts). */
export function capacityForSizing(sizing: RouteTableSizing): TableCapacity {
  const services = sizing.services ?? 0;
  const hostnames = sizing.hostnames ?? services * 2;
  const arena = sizing.arenaBytes ?? services * ESTIMATED_RECORD_BYTES + hostnames * ESTIMATED_KEY_BYTES;
  return capacityFor(services, hostnames, arena);
}

function capacityFor(services: number, hostnames: number, arenaBytes: number): TableCapacity {
  const arena = roundArena(Math.max(arenaBytes, MIN_ARENA_BYTES));
  WritableTable.checkArenaSize(arena, MAX_ARENA_BYTES);
  return {
    hostCapacity: nextPowerOfTwo(Math.max(16, Math.ceil(hostnames / TARGET_LOAD))),
    idCapacity: nextPowerOfTwo(Math.max(MIN_SERVICES, Math.ceil((services * GROWTH) / MAX_LOAD))),
    arenaBytes: arena,
  };
}

/** Arena bytes a record will take, without validating it (sizing only). */
function estimateBytes(record: ServiceRecord): number {
  let bytes = CELL_BYTES + REC_FIXED_BYTES + RECORD_ALIGN + record.id.length + (record.activeBuildId?.length ?? 0);
  bytes += record.blob?.length ?? 0;
  for (const instance of record.instances ?? []) bytes += INSTANCE_BYTES + instance.host.length;
  for (const hostname of record.hostnames) bytes += 4 + keyEntryBytes(hostname.length);
  return bytes;
}

/** Packs a normalised hostname the way a reader packs a request's host (wildcards: `*` + parent). */
export function encodeStoredKey(hostname: string, words: Int32Array): number {
  const wildcard = hostname.charCodeAt(0) === CHAR_STAR;
  return encodeKey(hostname, wildcard ? 1 : 0, hostname.length, wildcard, words);
}

/**
 * The single writer of a route table (the router's main thread). Readers in other threads see
 * each service update at once: records are written into the append-only arena and published
 * with one Atomics.store. When a table runs out of room, the writer builds a bigger, compacted
 * one and tells its handover listeners, which pass the new handle to every reader.
 */
export class RouteTableWriter {
  private table: WritableTable;
  private readonly listeners = new Set<HandoverListener>();
  private readonly words = new Int32Array(KEY_WORDS_MAX);

  private constructor(table: WritableTable) {
    this.table = table;
  }

  static create(sizing: RouteTableSizing = {}): RouteTableWriter {
    return new RouteTableWriter(new WritableTable(allocateTable(capacityForSizing(sizing))));
  }

  /**
   * A fresh table holding exactly these services (the router builds one during a snapshot and
   * swaps it in at SnapshotEnd). Sized from the records with room for later deltas.
   */
  static fromSnapshot(records: readonly ServiceRecord[], sizing: RouteTableSizing = {}): RouteTableWriter {
    let hostnames = 0;
    let arena = 0;
    for (const record of records) {
      hostnames += record.hostnames.length;
      arena += estimateBytes(record);
    }
    const writer = RouteTableWriter.create({
      services: sizing.services ?? records.length,
      hostnames: sizing.hostnames ?? hostnames,
      arenaBytes: sizing.arenaBytes ?? Math.ceil(arena * GROWTH),
    });
    for (let i = 0; i < records.length; i += SNAPSHOT_CHUNK) {
      writer.apply({ upserts: records.slice(i, i + SNAPSHOT_CHUNK) });
    }
    return writer;
  }

  /**
   * Takes over a table built by a writer in another thread (the router's ingest pool builds a
   * snapshot's table off the main thread and posts its handle back). Everything a writer needs
   * is in the shared buffers: the counters come from the control block, which every apply()
   * publishes. The table gets this thread's next generation number; the building writer must
   * not touch it again, and no reader may have seen it yet.
   */
  static adopt(handle: TableHandle): RouteTableWriter {
    const table = new WritableTable(restampGeneration(handle));
    table.loadCounters();
    return new RouteTableWriter(table);
  }

  /** The current generation's buffers: post it to each reader. */
  get handle(): TableHandle {
    return this.table.views.handle;
  }

  get generation(): number {
    return this.table.views.handle.generation;
  }

  /** Called after a rebuild with the new handle; returns an unsubscribe function. */
  onHandover(listener: HandoverListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  upsertService(record: ServiceRecord): void {
    this.apply({ upserts: [record] });
  }

  removeService(id: string): boolean {
    const before = this.table.liveServices;
    this.apply({ removedIds: [id] });
    return this.table.liveServices < before;
  }

  /** Whether a service id is live (writer side). */
  hasService(id: string): boolean {
    const slot = this.table.findIdSlot(id, hashString(id));
    return slot >= 0 && this.table.liveRecord(this.table.idSlotCell(slot)) !== NO_OFFSET;
  }

  /**
   * Applies upserts, then removals (an id in both ends up removed). Every record is validated
   * before anything changes, so an invalid record leaves the table untouched. Order for
   * readers: new records are published, then hostnames are pointed at them, then hostnames
   * that no service claims any more are unmapped, then removed services are unpublished.
   */
  apply(delta: RouteDelta): void {
    const byId = new Map<string, PreparedRecord>();
    for (const record of delta.upserts ?? []) {
      const prepared = prepareRecord(record);
      byId.set(prepared.id, prepared);
    }
    const removedIds = delta.removedIds ?? [];
    const previous = this.ensureRoom(byId);

    const table = this.table;
    const pending: PendingUpsert[] = [];
    for (const record of byId.values()) pending.push(this.publish(record));
    for (const upsert of pending) {
      const list = this.hostList(upsert.at);
      const count = this.hostCount(upsert.at);
      for (let i = 0; i < count; i++) table.mapKey(table.views.arena32[list + i] as number, upsert.cell);
    }
    for (const upsert of pending) {
      if (upsert.previous === NO_OFFSET) continue;
      const list = this.hostList(upsert.at);
      const kept = new Set(table.views.arena32.subarray(list, list + this.hostCount(upsert.at)));
      this.unmapKeysOf(upsert.previous, upsert.cell, kept);
    }
    for (const id of removedIds) this.remove(id);
    table.publishCounters();

    if (previous) for (const listener of this.listeners) listener(table.views.handle, previous);
  }

  /** Rebuilds into fresh, compacted buffers now; listeners get the new handle. */
  compact(): TableHandle {
    const previous = this.rebuild(0, 0, 0);
    this.table.publishCounters();
    for (const listener of this.listeners) listener(this.table.views.handle, previous);
    return this.table.views.handle;
  }

  stats(): RouteTableStats {
    const t = this.table;
    return {
      generation: this.generation,
      services: t.liveServices,
      hostnames: t.liveHostnames,
      hostCapacity: t.hostCapacity,
      hostSlotsUsed: t.hostSlotsUsed,
      idCapacity: t.idCapacity,
      idSlotsUsed: t.idSlotsUsed,
      arenaBytes: t.arenaBytes,
      arenaUsedBytes: t.arenaUsed,
      garbageBytes: t.garbageBytes,
      totalBytes: totalBytes(t.views.handle),
    };
  }

  private publish(record: PreparedRecord): PendingUpsert {
    const table = this.table;
    const idHash = hashString(record.id);
    const slot = table.findIdSlot(record.id, idHash);
    let cell = slot >= 0 ? table.idSlotCell(slot) : NO_OFFSET;
    let previous = cell !== NO_OFFSET ? table.liveRecord(cell) : NO_OFFSET;
    if (previous === NO_OFFSET) {
      // New, or re-added after removal: a fresh cell, so that a reader still holding the old
      // one can never reach this record through a hostname of the removed service.
      cell = table.newCell();
      table.setIdSlot(slot >= 0 ? slot : -1 - slot, idHash, cell);
      table.liveServices++;
      previous = NO_OFFSET;
    }
    const at = table.allocate(record.bytes, RECORD_ALIGN);
    writeRecord(table.views, at, record, cell);
    const words = this.words;
    const list = this.hostList(at);
    record.hostnames.forEach((hostname, i) => {
      table.views.arena32[list + i] = table.findOrInsertKey(hostname.length, words, encodeStoredKey(hostname, words));
    });
    table.publishRecord(cell, at);
    if (previous !== NO_OFFSET) table.garbageBytes += table.recordBytes(previous);
    return { cell, at, previous };
  }

  private remove(id: string): void {
    const table = this.table;
    const slot = table.findIdSlot(id, hashString(id));
    if (slot < 0) return;
    const cell = table.idSlotCell(slot);
    const record = table.liveRecord(cell);
    if (record === NO_OFFSET) return;
    this.unmapKeysOf(record, cell, undefined);
    table.unpublishRecord(cell);
    table.garbageBytes += table.recordBytes(record);
    table.liveServices--;
  }

  /** Unmaps the hostnames listed in `record` that still point at `cell` and are not kept. */
  private unmapKeysOf(record: number, cell: number, kept: Set<number> | undefined): void {
    const table = this.table;
    const arena32 = table.views.arena32;
    const list = this.hostList(record);
    const count = this.hostCount(record);
    for (let i = 0; i < count; i++) {
      const key = arena32[list + i] as number;
      if (key === NO_OFFSET || kept?.has(key)) continue;
      if (table.keyCell(key) === cell) table.mapKey(key, KEY_UNMAPPED);
    }
  }

  /** Int32 index of a record's hostname list (key-entry offsets). */
  private hostList(record: number): number {
    return (record + REC_FIXED_BYTES + this.instanceCount(record) * INSTANCE_BYTES) >> 2;
  }

  private hostCount(record: number): number {
    return this.table.views.arena32[(record + REC_HOST_COUNT) >> 2] as number;
  }

  private instanceCount(record: number): number {
    return this.table.views.arena16[(record + REC_INSTANCE_COUNT) >> 1] as number;
  }

  /** Makes sure the delta fits; rebuilds when it may not. Returns the replaced handle, if any. */
  private ensureRoom(upserts: Map<string, PreparedRecord>): TableHandle | undefined {
    let arena = 0;
    let hostnames = 0;
    for (const record of upserts.values()) {
      arena += CELL_BYTES + record.bytes + RECORD_ALIGN;
      hostnames += record.hostnames.length;
      for (const hostname of record.hostnames) arena += keyEntryBytes(hostname.length);
    }
    const t = this.table;
    const fits =
      t.arenaUsed + arena <= t.arenaBytes &&
      t.hostSlotsUsed + hostnames <= t.hostCapacity * MAX_LOAD &&
      t.idSlotsUsed + upserts.size <= t.idCapacity * MAX_LOAD;
    return fits ? undefined : this.rebuild(upserts.size, hostnames, arena);
  }

  /**
   * Copies the live services and hostnames into new buffers sized for them plus the extra
   * room asked for, then makes the new table current. The old buffers are left exactly as
   * they were, so readers still on them keep a consistent (if ageing) view until they switch.
   */
  private rebuild(extraServices: number, extraHostnames: number, extraArena: number): TableHandle {
    const old = this.table;
    const liveArena = old.arenaUsed - old.garbageBytes;
    const next = new WritableTable(
      allocateTable(
        capacityFor(
          old.liveServices + extraServices,
          old.liveHostnames + extraHostnames,
          (liveArena + extraArena) * GROWTH,
        ),
      ),
    );
    const from = old.views;
    const to = next.views;
    const ids = from.ids;
    for (let slot = 0; slot < old.idCapacity; slot++) {
      const idHash = ids[slot * ID_SLOT_WORDS + ID_SLOT_HASH] as number;
      if (idHash === 0) continue;
      const cell = ids[slot * ID_SLOT_WORDS + ID_SLOT_CELL] as number;
      const record = old.liveRecord(cell);
      if (record === NO_OFFSET) continue;
      const bytes = old.recordBytes(record);
      const nextCell = next.newCell();
      const at = next.allocate(bytes, RECORD_ALIGN);
      to.arena8.set(from.arena8.subarray(record, record + bytes), at);
      to.arena32[(at + REC_CELL) >> 2] = nextCell;

      const list = this.hostList(record);
      const nextList = list + ((at - record) >> 2);
      const count = this.hostCount(record);
      for (let i = 0; i < count; i++) {
        const key = from.arena32[list + i] as number;
        let nextKey = NO_OFFSET;
        if (key !== NO_OFFSET && old.keyCell(key) === cell) {
          const length = from.arena32[(key + KEY_LENGTH) >> 2] as number;
          const first = (key + KEY_BYTES) >> 2;
          nextKey = next.insertKeyWords(from.arena32, first, length, hashWords(from.arena32, first, length));
          next.mapKey(nextKey, nextCell);
        }
        to.arena32[nextList + i] = nextKey;
      }
      next.insertIdFresh(idHash, nextCell);
      next.publishRecord(nextCell, at);
      next.liveServices++;
    }
    this.table = next;
    return old.views.handle;
  }
}
