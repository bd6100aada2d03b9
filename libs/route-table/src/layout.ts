/**
 * The byte layout of the route table, written down once. Writer and reader use these names;
 * no other file carries an offset or size of its own.
 *
 * A table is five SharedArrayBuffers (a `TableHandle` carries them plus a generation number).
 * Integers are in platform byte order (little-endian on every platform Node supports); the
 * key bytes are read both as bytes and as Int32 words, which relies on that.
 *
 * control   Int32Array[CONTROL_WORDS]: sizes and counters (see CTL_*). The writer updates the
 *           counters with Atomics.store; readers only read the capacities, once, at attach.
 *
 * hosts     hostname index, open addressing with linear probing, `hostCapacity` slots (a power
 *           of two) of HOST_SLOT_WORDS Int32 words:
 *             +0 HOST_SLOT_HASH  the key's 32-bit hash (never 0: 0 marks an empty slot)
 *             +1 HOST_SLOT_KEY   byte offset in `arena` of the key entry
 *           8 bytes a slot, so a probe sequence of 8 slots shares one 64-byte cache line.
 *           A slot, once taken, keeps its key for the table's lifetime (no tombstones, no
 *           reuse): removing a hostname only unmaps its key entry. Dead keys go at compaction.
 *
 * wildcards a filter of wildcard keys: one bit per hostname slot (WILDCARD_BITS_PER_SLOT), bit
 *           `hash & (bits - 1)` set for every wildcard key ever inserted in this table. A clear
 *           bit proves there is no wildcard for that parent, so a miss costs one hash probe
 *           instead of two. Bits are only ever set (before the key's slot is published).
 *
 * ids       service-id index (writer side), open addressing, `idCapacity` slots of
 *           ID_SLOT_WORDS words: +0 ID_SLOT_HASH (never 0), +1 ID_SLOT_CELL (the service's cell).
 *           The key is compared against the id bytes of the cell's CELL_LAST_RECORD.
 *
 * arena     append-only bytes: service cells, records and key entries. Nothing in it is
 *           overwritten while the table is live except a cell's CELL_LIVE_RECORD and a key's
 *           KEY_CELL (each with one Atomics.store). Offset 0..ARENA_RESERVED_BYTES-1 is never
 *           handed out, so offset 0 means "none". A new service's cell, its first record and
 *           its keys are allocated together, so a lookup's key, cell and record usually share
 *           a page and often a cache line.
 *
 * Service cell (CELL_ALIGN-byte aligned), one per service, never reused within a table (a
 * service removed and added again gets a new cell):
 *   +0 CELL_LIVE_RECORD  Int32: offset of the published record, 0 = none. THE publication
 *                        point: one Atomics.store per service update.
 *   +4 CELL_LAST_RECORD  Int32: last record ever published here (writer only: keeps a removed
 *                        service's id comparable in `ids`)
 *
 * Key entry (4-byte aligned):
 *   +0 KEY_CELL     Int32: cell of the service the hostname maps to, or KEY_UNMAPPED (mutable)
 *   +4 KEY_LENGTH   Int32: byte length of the normalised hostname
 *   +8 KEY_BYTES    the hostname: lower-case ASCII, no port, no trailing dot; `*.` leads a
 *                   wildcard. Zero-padded to a whole Int32 word, so that readers compare it a
 *                   word (four characters) at a time against the words hash.ts packed.
 *
 * Record (RECORD_ALIGN-byte aligned, immutable once published):
 *   +0  REC_BYTES           Uint32 total length
 *   +4  REC_KIND            Uint8  (KIND_*)
 *   +5  REC_PLAN            Uint8  (PLAN_*)
 *   +6  REC_STATE           Uint8  (STATE_*)
 *   +7  REC_ID_LENGTH       Uint8  service id byte length
 *   +8  REC_VERSION         Float64 the cache's version of this record (exact below 2^53)
 *   +16 REC_CELL            Int32  the service's cell
 *   +20 REC_INSTANCE_COUNT  Uint16
 *   +22 REC_BUILD_LENGTH    Uint8  active build id byte length (0 = none)
 *   +23 REC_FLAGS           Uint8  FLAG_* bits
 *   +24 REC_HOST_COUNT      Uint32 entries in the key-offset list
 *   +28 REC_BLOB_LENGTH     Uint32
 *   +32 REC_STRINGS         Uint32 offset, relative to the record, of the string area
 *   +36 REC_HSTS_LENGTH     Uint8  Strict-Transport-Security value byte length (0 = none)
 *   +37 (reserved, 3 bytes)
 *   +40 REC_FIXED_BYTES: instances, INSTANCE_BYTES each:
 *         +0 INST_PORT        Uint16
 *         +2 INST_READY       Uint8 (0/1)
 *         +3 INST_HOST_LENGTH Uint8
 *         +4 INST_HOST        Uint32 offset of the host bytes, relative to the record
 *       then REC_HOST_COUNT Uint32 key-entry offsets (the hostnames this record claimed;
 *         a hostname later claimed by another service keeps its entry here, so the writer
 *         always checks KEY_CELL before treating it as this service's),
 *       then the string area (at REC_STRINGS): blob, id bytes, build id bytes, HSTS value bytes,
 *         instance host bytes (UTF-8).
 */

/** Service kind, plan and state codes: the numeric values of the protobuf enums. */
export const KIND_WEB = 1;
export const KIND_STATIC = 2;
export const PLAN_FREE = 1;
export const PLAN_PAID = 2;
export const STATE_ACTIVE = 1;
export const STATE_SUSPENDED = 2;

/** REC_FLAGS bits. */
export const FLAG_HTTPS_REDIRECT = 1;

// control block
export const CTL_GENERATION = 0;
export const CTL_HOST_CAPACITY = 1;
export const CTL_CELLS_USED = 2;
export const CTL_ID_CAPACITY = 3;
export const CTL_ARENA_BYTES = 4;
export const CTL_ARENA_USED = 5;
export const CTL_HOST_SLOTS_USED = 6;
export const CTL_LIVE_HOSTNAMES = 7;
export const CTL_LIVE_SERVICES = 8;
export const CTL_GARBAGE_BYTES = 10;
export const CTL_ID_SLOTS_USED = 11;
export const CONTROL_WORDS = 16;

// hostname index
export const HOST_SLOT_WORDS = 2;
export const HOST_SLOT_HASH = 0;
export const HOST_SLOT_KEY = 1;

// wildcard filter
export const WILDCARD_BITS_PER_SLOT = 1;
export const BITS_PER_WORD = 32;

// service cell
export const CELL_BYTES = 8;
export const CELL_ALIGN = 8;
export const CELL_LIVE_RECORD = 0;
export const CELL_LAST_RECORD = 4;

// service-id index
export const ID_SLOT_WORDS = 2;
export const ID_SLOT_HASH = 0;
export const ID_SLOT_CELL = 1;

// arena
export const ARENA_RESERVED_BYTES = 8;
export const NO_OFFSET = 0;

// key entry
export const KEY_CELL = 0;
export const KEY_LENGTH = 4;
export const KEY_BYTES = 8;
export const KEY_ALIGN = 4;
export const KEY_UNMAPPED = 0;
export const MAX_HOSTNAME_LENGTH = 253;

// record
export const RECORD_ALIGN = 8;
export const REC_BYTES = 0;
export const REC_KIND = 4;
export const REC_PLAN = 5;
export const REC_STATE = 6;
export const REC_ID_LENGTH = 7;
export const REC_VERSION = 8;
export const REC_CELL = 16;
export const REC_INSTANCE_COUNT = 20;
export const REC_BUILD_LENGTH = 22;
export const REC_FLAGS = 23;
export const REC_HOST_COUNT = 24;
export const REC_BLOB_LENGTH = 28;
export const REC_STRINGS = 32;
export const REC_HSTS_LENGTH = 36;
export const REC_FIXED_BYTES = 40;

export const INSTANCE_BYTES = 8;
export const INST_PORT = 0;
export const INST_READY = 2;
export const INST_HOST_LENGTH = 3;
export const INST_HOST = 4;

export const MAX_SHORT_STRING_BYTES = 255;
export const MAX_INSTANCES = 0xffff;

/** Where the variable parts of a record start, given its counts. */
export function recordInstanceAt(record: number, index: number): number {
  return record + REC_FIXED_BYTES + index * INSTANCE_BYTES;
}

export function recordHostListAt(record: number, instanceCount: number): number {
  return record + REC_FIXED_BYTES + instanceCount * INSTANCE_BYTES;
}

export function keyEntryBytes(hostnameLength: number): number {
  return KEY_BYTES + alignUp(hostnameLength, KEY_ALIGN);
}

export function alignUp(n: number, alignment: number): number {
  return (n + alignment - 1) & ~(alignment - 1);
}

/** The shared buffers of one table generation; structured-cloneable (postMessage shares them). */
export interface TableHandle {
  readonly generation: number;
  readonly control: SharedArrayBuffer;
  readonly hosts: SharedArrayBuffer;
  readonly wildcards: SharedArrayBuffer;
  readonly ids: SharedArrayBuffer;
  readonly arena: SharedArrayBuffer;
}
