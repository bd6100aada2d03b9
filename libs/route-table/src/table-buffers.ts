import {
  ARENA_RESERVED_BYTES,
  BITS_PER_WORD,
  CONTROL_WORDS,
  CTL_ARENA_BYTES,
  CTL_ARENA_USED,
  CTL_GENERATION,
  CTL_HOST_CAPACITY,
  CTL_ID_CAPACITY,
  HOST_SLOT_WORDS,
  ID_SLOT_WORDS,
  RECORD_ALIGN,
  type TableHandle,
  WILDCARD_BITS_PER_SLOT,
} from './layout.ts';

export interface TableCapacity {
  /** Hostname slots; a power of two. */
  hostCapacity: number;
  /** Service-id slots; a power of two. */
  idCapacity: number;
  /** Arena bytes; a multiple of RECORD_ALIGN. */
  arenaBytes: number;
}

const INT32_BYTES = 4;
/** Offsets in the arena are Int32 values. */
export const MAX_ARENA_BYTES = 0x7ffffff8;

let lastGeneration = 0;

/** Fresh, zeroed buffers for one table; each new table gets the next generation number. */
export function allocateTable(capacity: TableCapacity): TableHandle {
  const generation = ++lastGeneration;
  const handle: TableHandle = {
    generation,
    control: new SharedArrayBuffer(CONTROL_WORDS * INT32_BYTES),
    hosts: new SharedArrayBuffer(capacity.hostCapacity * HOST_SLOT_WORDS * INT32_BYTES),
    wildcards: new SharedArrayBuffer(wildcardBytes(capacity.hostCapacity)),
    ids: new SharedArrayBuffer(capacity.idCapacity * ID_SLOT_WORDS * INT32_BYTES),
    arena: new SharedArrayBuffer(capacity.arenaBytes),
  };
  const control = new Int32Array(handle.control);
  control[CTL_GENERATION] = generation;
  control[CTL_HOST_CAPACITY] = capacity.hostCapacity;
  control[CTL_ID_CAPACITY] = capacity.idCapacity;
  control[CTL_ARENA_BYTES] = capacity.arenaBytes;
  control[CTL_ARENA_USED] = ARENA_RESERVED_BYTES;
  return handle;
}

/**
 * The same buffers under this thread's next generation number. A table built in another thread
 * was numbered by that thread's counter, which can collide with this one's; re-stamp it here
 * before any reader has seen it.
 */
export function restampGeneration(handle: TableHandle): TableHandle {
  const generation = ++lastGeneration;
  Atomics.store(new Int32Array(handle.control), CTL_GENERATION, generation);
  return { ...handle, generation };
}

/** Typed views over one table's buffers, shared by the writer and the readers. */
export class TableViews {
  readonly handle: TableHandle;
  readonly control: Int32Array;
  readonly hosts: Int32Array;
  readonly wildcards: Int32Array;
  /** Bit count of the wildcard filter, minus one. */
  readonly wildcardMask: number;
  readonly ids: Int32Array;
  readonly arena8: Uint8Array;
  readonly arena16: Uint16Array;
  readonly arena32: Int32Array;
  readonly arenaF64: Float64Array;
  readonly arenaText: Buffer;
  readonly hostMask: number;
  readonly idMask: number;

  constructor(handle: TableHandle) {
    this.handle = handle;
    this.control = new Int32Array(handle.control);
    this.hosts = new Int32Array(handle.hosts);
    this.wildcards = new Int32Array(handle.wildcards);
    this.wildcardMask = this.wildcards.length * BITS_PER_WORD - 1;
    this.ids = new Int32Array(handle.ids);
    this.arena8 = new Uint8Array(handle.arena);
    this.arena16 = new Uint16Array(handle.arena);
    this.arena32 = new Int32Array(handle.arena);
    this.arenaF64 = new Float64Array(handle.arena);
    this.arenaText = Buffer.from(handle.arena);
    this.hostMask = this.control[CTL_HOST_CAPACITY] - 1;
    this.idMask = this.control[CTL_ID_CAPACITY] - 1;
  }
}

export function totalBytes(handle: TableHandle): number {
  return (
    handle.control.byteLength +
    handle.hosts.byteLength +
    handle.wildcards.byteLength +
    handle.ids.byteLength +
    handle.arena.byteLength
  );
}

/** Bytes of the wildcard filter of a table with `hostCapacity` hostname slots. */
export function wildcardBytes(hostCapacity: number): number {
  return Math.max(1, (hostCapacity * WILDCARD_BITS_PER_SLOT) / BITS_PER_WORD) * INT32_BYTES;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function roundArena(bytes: number): number {
  return Math.ceil(bytes / RECORD_ALIGN) * RECORD_ALIGN;
}
