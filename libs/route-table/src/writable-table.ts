import { RouteTableError, TableTooLargeError } from './errors.ts';
import { CHAR_STAR } from './hash.ts';
import type { TableHandle } from './layout.ts';
import {
  ARENA_RESERVED_BYTES,
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
  KEY_UNMAPPED,
  keyEntryBytes,
  NO_OFFSET,
  REC_BLOB_LENGTH,
  REC_BYTES,
  REC_ID_LENGTH,
  REC_STRINGS,
} from './layout.ts';
import { TableViews } from './table-buffers.ts';

/**
 * One table seen from the writer: the views plus its counters (kept in JS fields, copied to the
 * control block by publishCounters). Low-level operations only; the ordering rules that make
 * updates safe for concurrent readers live in writer.ts.
 */
const CHAR_MASK = 0xff;

export class WritableTable {
  readonly views: TableViews;
  readonly hostCapacity: number;
  readonly idCapacity: number;
  readonly arenaBytes: number;
  arenaUsed = ARENA_RESERVED_BYTES;
  hostSlotsUsed = 0;
  idSlotsUsed = 0;
  cellsUsed = 0;
  liveServices = 0;
  liveHostnames = 0;
  garbageBytes = 0;

  constructor(handle: TableHandle) {
    this.views = new TableViews(handle);
    this.hostCapacity = this.views.hostMask + 1;
    this.idCapacity = this.views.idMask + 1;
    this.arenaBytes = handle.arena.byteLength;
  }

  allocate(bytes: number, alignment: number): number {
    const at = (this.arenaUsed + alignment - 1) & ~(alignment - 1);
    if (at + bytes > this.arenaBytes) throw new RouteTableError('ERR_ROUTE_TABLE_INTERNAL', 'arena overflow');
    this.arenaUsed = at + bytes;
    return at;
  }

  /** A new service cell (allocate it right before the service's first record). */
  newCell(): number {
    this.cellsUsed++;
    return this.allocate(CELL_BYTES, CELL_ALIGN);
  }

  liveRecord(cell: number): number {
    return this.views.arena32[(cell + CELL_LIVE_RECORD) >> 2] as number;
  }

  lastRecord(cell: number): number {
    return this.views.arena32[(cell + CELL_LAST_RECORD) >> 2] as number;
  }

  /** Publishes `record` as the cell's record: the one store readers synchronise on. */
  publishRecord(cell: number, record: number): void {
    const arena32 = this.views.arena32;
    arena32[(cell + CELL_LAST_RECORD) >> 2] = record;
    Atomics.store(arena32, (cell + CELL_LIVE_RECORD) >> 2, record);
  }

  unpublishRecord(cell: number): void {
    Atomics.store(this.views.arena32, (cell + CELL_LIVE_RECORD) >> 2, NO_OFFSET);
  }

  recordBytes(record: number): number {
    return this.views.arena32[(record + REC_BYTES) >> 2] as number;
  }

  keyCell(key: number): number {
    return this.views.arena32[(key + KEY_CELL) >> 2] as number;
  }

  keyBytes(key: number): number {
    return keyEntryBytes(this.views.arena32[(key + KEY_LENGTH) >> 2] as number);
  }

  /** Points a key at a service's cell (or KEY_UNMAPPED), keeping the counters right. */
  mapKey(key: number, cell: number): void {
    const arena32 = this.views.arena32;
    const current = arena32[(key + KEY_CELL) >> 2];
    if (current === cell) return;
    if (current === KEY_UNMAPPED) {
      this.liveHostnames++;
      this.garbageBytes -= this.keyBytes(key);
    } else if (cell === KEY_UNMAPPED) {
      this.liveHostnames--;
      this.garbageBytes += this.keyBytes(key);
    }
    Atomics.store(arena32, (key + KEY_CELL) >> 2, cell);
  }

  /**
   * The key entry of a normalised hostname, created (unmapped) if absent. `words` and `hash`
   * come from encodeKey(hostname).
   */
  findOrInsertKey(length: number, words: Int32Array, hash: number): number {
    const { hosts, arena32 } = this.views;
    const mask = this.views.hostMask;
    const count = (length + 3) >> 2;
    let slot = hash & mask;
    for (;;) {
      const at = slot * HOST_SLOT_WORDS;
      const slotHash = hosts[at + HOST_SLOT_HASH];
      if (slotHash === 0) break;
      if (slotHash === hash) {
        const key = hosts[at + HOST_SLOT_KEY] as number;
        if (arena32[(key + KEY_LENGTH) >> 2] === length) {
          const first = (key + KEY_BYTES) >> 2;
          let i = 0;
          while (i < count && arena32[first + i] === words[i]) i++;
          if (i === count) return key;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.addKey(slot, length, words, 0, hash);
  }

  /** Adds a key known to be absent, its words taken from `source` at word `first` (rebuilds). */
  insertKeyWords(source: Int32Array, first: number, length: number, hash: number): number {
    const hosts = this.views.hosts;
    const mask = this.views.hostMask;
    let slot = hash & mask;
    while (hosts[slot * HOST_SLOT_WORDS + HOST_SLOT_HASH] !== 0) slot = (slot + 1) & mask;
    return this.addKey(slot, length, source, first, hash);
  }

  private addKey(slot: number, length: number, source: Int32Array, first: number, hash: number): number {
    const { hosts, arena32 } = this.views;
    const key = this.allocate(keyEntryBytes(length), KEY_ALIGN);
    const count = (length + 3) >> 2;
    const to = (key + KEY_BYTES) >> 2;
    for (let i = 0; i < count; i++) arena32[to + i] = source[first + i] as number;
    arena32[(key + KEY_CELL) >> 2] = KEY_UNMAPPED;
    arena32[(key + KEY_LENGTH) >> 2] = length;
    if (((source[first] as number) & CHAR_MASK) === CHAR_STAR) this.markWildcard(hash);
    // Key first, then hash: a reader that sees the hash and then the key finds either 0 (and
    // skips the slot) or a complete entry (Atomics.store orders the entry's writes before).
    Atomics.store(hosts, slot * HOST_SLOT_WORDS + HOST_SLOT_KEY, key);
    Atomics.store(hosts, slot * HOST_SLOT_WORDS + HOST_SLOT_HASH, hash);
    this.hostSlotsUsed++;
    this.garbageBytes += keyEntryBytes(length);
    return key;
  }

  /** Sets the filter bit of a wildcard key's hash (before the key is published). */
  private markWildcard(hash: number): void {
    const bit = hash & this.views.wildcardMask;
    const word = bit >>> 5;
    const wildcards = this.views.wildcards;
    Atomics.store(wildcards, word, (wildcards[word] as number) | (1 << (bit & 31)));
  }

  /** Id slot index holding `id`, or -1-(free slot) when absent. */
  findIdSlot(id: string, hash: number): number {
    const { ids, arena8, arena32 } = this.views;
    const mask = this.views.idMask;
    let slot = hash & mask;
    for (;;) {
      const at = slot * ID_SLOT_WORDS;
      const slotHash = ids[at + ID_SLOT_HASH];
      if (slotHash === 0) return -1 - slot;
      if (slotHash === hash) {
        const record = this.lastRecord(ids[at + ID_SLOT_CELL] as number);
        if (arena8[record + REC_ID_LENGTH] === id.length) {
          const bytes =
            record +
            (arena32[(record + REC_STRINGS) >> 2] as number) +
            (arena32[(record + REC_BLOB_LENGTH) >> 2] as number);
          let i = 0;
          while (i < id.length && arena8[bytes + i] === id.charCodeAt(i)) i++;
          if (i === id.length) return slot;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  idSlotCell(slot: number): number {
    return this.views.ids[slot * ID_SLOT_WORDS + ID_SLOT_CELL] as number;
  }

  setIdSlot(slot: number, hash: number, cell: number): void {
    const ids = this.views.ids;
    if (ids[slot * ID_SLOT_WORDS + ID_SLOT_HASH] === 0) this.idSlotsUsed++;
    ids[slot * ID_SLOT_WORDS + ID_SLOT_CELL] = cell;
    ids[slot * ID_SLOT_WORDS + ID_SLOT_HASH] = hash;
  }

  /** Adds an id known to be absent (rebuilds). */
  insertIdFresh(hash: number, cell: number): void {
    const ids = this.views.ids;
    const mask = this.views.idMask;
    let slot = hash & mask;
    while (ids[slot * ID_SLOT_WORDS + ID_SLOT_HASH] !== 0) slot = (slot + 1) & mask;
    this.setIdSlot(slot, hash, cell);
  }

  /** The writer-side counters as last published to the control block (adopting a table). */
  loadCounters(): void {
    const control = this.views.control;
    this.arenaUsed = Atomics.load(control, CTL_ARENA_USED);
    this.hostSlotsUsed = Atomics.load(control, CTL_HOST_SLOTS_USED);
    this.idSlotsUsed = Atomics.load(control, CTL_ID_SLOTS_USED);
    this.cellsUsed = Atomics.load(control, CTL_CELLS_USED);
    this.liveServices = Atomics.load(control, CTL_LIVE_SERVICES);
    this.liveHostnames = Atomics.load(control, CTL_LIVE_HOSTNAMES);
    this.garbageBytes = Atomics.load(control, CTL_GARBAGE_BYTES);
  }

  /** Copies the counters into the control block, where stats() and other threads read them. */
  publishCounters(): void {
    const control = this.views.control;
    Atomics.store(control, CTL_ARENA_USED, this.arenaUsed);
    Atomics.store(control, CTL_HOST_SLOTS_USED, this.hostSlotsUsed);
    Atomics.store(control, CTL_ID_SLOTS_USED, this.idSlotsUsed);
    Atomics.store(control, CTL_CELLS_USED, this.cellsUsed);
    Atomics.store(control, CTL_LIVE_SERVICES, this.liveServices);
    Atomics.store(control, CTL_LIVE_HOSTNAMES, this.liveHostnames);
    Atomics.store(control, CTL_GARBAGE_BYTES, this.garbageBytes);
  }

  static checkArenaSize(bytes: number, max: number): void {
    if (bytes > max) throw new TableTooLargeError(`needs ${bytes} arena bytes, the limit is ${max}`);
  }
}
