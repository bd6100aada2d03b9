import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  allocateForImage,
  checkImage,
  InvalidTableImageError,
  imageSectionBytes,
  TABLE_LAYOUT_VERSION,
  type TableHandle,
  type TableImageShape,
} from '@switchyard/route-table';
import { SnapshotFileError } from './errors.ts';

/**
 * The state-dir file: the route table's own buffers (see `image.ts` in @switchyard/route-table),
 * so that a warm start reads them straight into SharedArrayBuffers: no decode, no re-index.
 *
 *   +0   MAGIC "SWYDTABL" (8 bytes)
 *   +8   FORMAT_VERSION            Uint32 LE
 *   +12  table layout version      Uint32 LE (TABLE_LAYOUT_VERSION of the writing router)
 *   +16  region byte length        Uint32 LE
 *   +20  host capacity             Uint32 LE  ┐
 *   +24  id capacity               Uint32 LE  │ the image's shape: how long each
 *   +28  arena bytes (capacity)    Uint32 LE  │ section below is
 *   +32  arena bytes used          Uint32 LE  ┘
 *   +36  (zero)                    Uint32
 *   +40  table version             Float64 LE (a cache version: exact below 2^53)
 *   +48  commit time (ms)          Float64 LE
 *   +56  region (UTF-8)
 *   then the sections: control, hosts, wildcards, ids, the arena's used prefix
 *   last 4 bytes: CRC-32 (zlib) of everything before them, Uint32 LE
 */
export const TABLE_FILE_NAME = 'routes.table';
/** The record snapshot older routers wrote (format 1); never read, removed after the first write. */
export const LEGACY_FILE_NAME = 'routes.snapshot';
const MAGIC = Buffer.from('SWYDTABL', 'latin1');
const FORMAT_VERSION = 2;
const HEADER_BYTES = 56;
const MAX_REGION_BYTES = 1024;
/** Reads of at most this many bytes at a time: small enough that a chunk is still in the CPU's cache when it is summed. */
const READ_CHUNK = 256 * 1024;

export interface TableFileHeader {
  region: string;
  version: number;
  commitTimeMs: number;
  shape: TableImageShape;
}

export interface LoadedTable {
  handle: TableHandle;
  /** The region the file was written for. */
  region: string;
  version: number;
  commitTimeMs: number;
  bytes: number;
  /** Time the read and its checks took (ms). */
  readMs: number;
}

/** Header and region bytes of a table file. */
export function encodeHeader(header: TableFileHeader): Buffer {
  const region = Buffer.from(header.region, 'utf8');
  const bytes = Buffer.alloc(HEADER_BYTES + region.length);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt32LE(FORMAT_VERSION, 8);
  bytes.writeUInt32LE(TABLE_LAYOUT_VERSION, 12);
  bytes.writeUInt32LE(region.length, 16);
  bytes.writeUInt32LE(header.shape.hostCapacity, 20);
  bytes.writeUInt32LE(header.shape.idCapacity, 24);
  bytes.writeUInt32LE(header.shape.arenaBytes, 28);
  bytes.writeUInt32LE(header.shape.arenaUsed, 32);
  bytes.writeDoubleLE(header.version, 40);
  bytes.writeDoubleLE(header.commitTimeMs, 48);
  region.copy(bytes, HEADER_BYTES);
  return bytes;
}

/**
 * Writes `parts` as `dir/name` atomically: a temporary file in the same directory, fsync, rename
 * over the old file, fsync the directory. A crash at any point leaves the old file or the new one.
 */
export async function writeAtomically(dir: string, name: string, parts: readonly Uint8Array[]): Promise<number> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  const file = await open(temp, 'w', 0o600);
  let bytes = 0;
  try {
    for (const part of parts) bytes += (await file.write(part)).bytesWritten;
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, join(dir, name));
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
  return bytes;
}

/**
 * Reads a table file into fresh SharedArrayBuffers. Undefined when there is none; a file that
 * fails any check (magic, format, layout version, region, length, checksum, a shape or control
 * block no writer makes) is a SnapshotFileError and nothing of it is ever served. Synchronous:
 * it runs in a thread of its own at start (`image-reader.ts`), beside the main thread's start-up.
 */
export function readTableFileSync(path: string, expectedRegion: string | undefined): LoadedTable | undefined {
  const started = performance.now();
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return { ...readOpen(fd, path, expectedRegion), readMs: performance.now() - started };
  } catch (error) {
    if (error instanceof SnapshotFileError) throw error;
    throw new SnapshotFileError(`cannot read ${path}: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function readOpen(fd: number, path: string, expectedRegion: string | undefined): Omit<LoadedTable, 'readMs'> {
  const bad = (why: string) => new SnapshotFileError(`${path}: ${why}`);
  const { size } = fstatSync(fd);
  const head = Buffer.alloc(HEADER_BYTES);
  if (size < HEADER_BYTES + 4 || readFully(fd, head, 0) !== HEADER_BYTES || !head.subarray(0, 8).equals(MAGIC))
    throw bad('not a router table file');
  const format = head.readUInt32LE(8);
  if (format !== FORMAT_VERSION) throw bad(`format version ${format}, this router reads ${FORMAT_VERSION}`);
  const layout = head.readUInt32LE(12);
  if (layout !== TABLE_LAYOUT_VERSION)
    throw bad(`written by a router with table layout ${layout}, this router's is ${TABLE_LAYOUT_VERSION}`);
  const regionLength = head.readUInt32LE(16);
  if (regionLength > MAX_REGION_BYTES || HEADER_BYTES + regionLength + 4 > size) throw bad('truncated header');
  const regionBytes = Buffer.alloc(regionLength);
  readFully(fd, regionBytes, HEADER_BYTES);
  const region = regionBytes.toString('utf8');
  if (expectedRegion !== undefined && region !== expectedRegion)
    throw bad(`table of region "${region}", this router serves "${expectedRegion}"`);
  const shape: TableImageShape = {
    hostCapacity: head.readUInt32LE(20),
    idCapacity: head.readUInt32LE(24),
    arenaBytes: head.readUInt32LE(28),
    arenaUsed: head.readUInt32LE(32),
  };
  const expected = HEADER_BYTES + regionLength + imageSectionBytes(shape).reduce((a, b) => a + b, 0) + 4;
  if (expected !== size) throw bad(`${size} bytes where its header says ${expected} (truncated or corrupt)`);

  let image: ReturnType<typeof allocateForImage>;
  try {
    image = allocateForImage(shape);
  } catch (error) {
    if (error instanceof InvalidTableImageError) throw bad(error.message);
    throw error;
  }
  let crc = crc32(regionBytes, crc32(head));
  let at = HEADER_BYTES + regionLength;
  for (const section of image.sections) {
    const read = readSummed(fd, section, at, crc);
    if (read.bytes !== section.length) throw bad('truncated');
    crc = read.crc;
    at += section.length;
  }
  const trailer = Buffer.alloc(4);
  readFully(fd, trailer, at);
  if (crc >>> 0 !== trailer.readUInt32LE(0)) throw bad('checksum mismatch (truncated or corrupt)');
  try {
    checkImage(image.handle, shape);
  } catch (error) {
    if (error instanceof InvalidTableImageError) throw bad(error.message);
    throw error;
  }
  return {
    handle: image.handle,
    region,
    version: head.readDoubleLE(40),
    commitTimeMs: head.readDoubleLE(48),
    bytes: size,
  };
}

/**
 * readFully, and the CRC-32 of what was read continued from `crc`. Each chunk is summed right after
 * it is read, while it is still in the CPU's cache: the file's bytes cross memory once (the kernel's
 * copy into the fresh buffer), not twice (a second pass of the checksum over hundreds of MB).
 */
function readSummed(fd: number, into: Uint8Array, position: number, crc: number): { bytes: number; crc: number } {
  let sum = crc;
  let done = 0;
  while (done < into.length) {
    const bytesRead = readSync(fd, into, done, Math.min(READ_CHUNK, into.length - done), position + done);
    if (bytesRead === 0) break;
    sum = crc32(into.subarray(done, done + bytesRead), sum);
    done += bytesRead;
  }
  return { bytes: done, crc: sum };
}

/** Reads `into.length` bytes at `position` (fewer only at the end of the file); returns the count. */
function readFully(fd: number, into: Uint8Array, position: number): number {
  let done = 0;
  while (done < into.length) {
    const bytesRead = readSync(fd, into, done, Math.min(READ_CHUNK, into.length - done), position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
