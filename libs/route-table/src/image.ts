import { InvalidTableImageError } from './errors.ts';
import {
  ARENA_RESERVED_BYTES,
  CONTROL_WORDS,
  CTL_ARENA_BYTES,
  CTL_ARENA_USED,
  CTL_HOST_CAPACITY,
  CTL_ID_CAPACITY,
  HOST_SLOT_WORDS,
  ID_SLOT_WORDS,
  RECORD_ALIGN,
  type TableHandle,
} from './layout.ts';
import { MAX_ARENA_BYTES, wildcardBytes } from './table-buffers.ts';

/**
 * A table's own buffers as bytes to persist and to read back straight into SharedArrayBuffers
 * (the router's state dir): no records decoded, nothing re-indexed. An image is five sections
 * in this order: control, hosts, wildcards, ids, and the arena's used prefix (the rest of the
 * arena is zero, as allocated). The shape says how long each is.
 *
 * TABLE_LAYOUT_VERSION names the byte layout of layout.ts; it changes whenever that layout
 * does, so that an image written by another layout is refused, never served. Integers are in
 * platform byte order (little-endian on every platform Node supports).
 */
export const TABLE_LAYOUT_VERSION = 2;

/** The sizes an image's sections are derived from. */
export interface TableImageShape {
  readonly hostCapacity: number;
  readonly idCapacity: number;
  /** Arena capacity (the buffer's length). */
  readonly arenaBytes: number;
  /** Arena bytes in use: the arena section's length. */
  readonly arenaUsed: number;
}

const INT32_BYTES = 4;

/**
 * The shape of a table as its writer last published it. The writer must not change the table
 * between this call and the end of the copy of its sections (the router holds its deltas).
 */
export function imageShape(handle: TableHandle): TableImageShape {
  const control = new Int32Array(handle.control);
  return {
    hostCapacity: Atomics.load(control, CTL_HOST_CAPACITY),
    idCapacity: Atomics.load(control, CTL_ID_CAPACITY),
    arenaBytes: handle.arena.byteLength,
    arenaUsed: Atomics.load(control, CTL_ARENA_USED),
  };
}

/** Byte length of each section, in image order. */
export function imageSectionBytes(shape: TableImageShape): number[] {
  return [
    CONTROL_WORDS * INT32_BYTES,
    shape.hostCapacity * HOST_SLOT_WORDS * INT32_BYTES,
    wildcardBytes(shape.hostCapacity),
    shape.idCapacity * ID_SLOT_WORDS * INT32_BYTES,
    shape.arenaUsed,
  ];
}

/** Views over a table's sections (shared memory, not copies), in image order. */
export function imageSections(handle: TableHandle, shape: TableImageShape): Uint8Array[] {
  return [
    new Uint8Array(handle.control),
    new Uint8Array(handle.hosts),
    new Uint8Array(handle.wildcards),
    new Uint8Array(handle.ids),
    new Uint8Array(handle.arena, 0, shape.arenaUsed),
  ];
}

/**
 * Fresh, zeroed buffers for an image of this shape, and the views to read its sections into.
 * A shape no writer could have made (sizes not powers of two, arena use beyond its capacity,
 * beyond the limit) is refused before anything is allocated.
 */
export function allocateForImage(shape: TableImageShape): { handle: TableHandle; sections: Uint8Array[] } {
  checkShape(shape);
  const handle: TableHandle = {
    generation: 0,
    control: new SharedArrayBuffer(CONTROL_WORDS * INT32_BYTES),
    hosts: new SharedArrayBuffer(shape.hostCapacity * HOST_SLOT_WORDS * INT32_BYTES),
    wildcards: new SharedArrayBuffer(wildcardBytes(shape.hostCapacity)),
    ids: new SharedArrayBuffer(shape.idCapacity * ID_SLOT_WORDS * INT32_BYTES),
    arena: new SharedArrayBuffer(shape.arenaBytes),
  };
  return { handle, sections: imageSections(handle, shape) };
}

/**
 * Checks that the control block read into `handle` agrees with the shape the buffers were
 * allocated from (a file whose header and body disagree is refused). Then the table can be
 * adopted by a writer (RouteTableWriter.adopt), which gives it a generation of this thread.
 */
export function checkImage(handle: TableHandle, shape: TableImageShape): void {
  const control = new Int32Array(handle.control);
  const agrees =
    control[CTL_HOST_CAPACITY] === shape.hostCapacity &&
    control[CTL_ID_CAPACITY] === shape.idCapacity &&
    control[CTL_ARENA_BYTES] === shape.arenaBytes &&
    control[CTL_ARENA_USED] === shape.arenaUsed;
  if (!agrees) throw new InvalidTableImageError('the control block does not match the buffer sizes');
}

function checkShape(shape: TableImageShape): void {
  const { hostCapacity, idCapacity, arenaBytes, arenaUsed } = shape;
  const powerOfTwo = (n: number) => Number.isInteger(n) && n >= 1 && n <= 2 ** 30 && (n & (n - 1)) === 0;
  if (!powerOfTwo(hostCapacity)) throw new InvalidTableImageError(`host capacity ${hostCapacity}`);
  if (!powerOfTwo(idCapacity)) throw new InvalidTableImageError(`id capacity ${idCapacity}`);
  if (!Number.isInteger(arenaBytes) || arenaBytes % RECORD_ALIGN !== 0 || arenaBytes > MAX_ARENA_BYTES)
    throw new InvalidTableImageError(`arena of ${arenaBytes} bytes`);
  if (!Number.isInteger(arenaUsed) || arenaUsed < ARENA_RESERVED_BYTES || arenaUsed > arenaBytes)
    throw new InvalidTableImageError(`${arenaUsed} arena bytes used of ${arenaBytes}`);
}

/** Bytes of an image of this table as it is now (the sum of its sections). */
export function imageByteLength(handle: TableHandle): number {
  return imageSectionBytes(imageShape(handle)).reduce((a, b) => a + b, 0);
}
