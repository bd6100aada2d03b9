import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
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
const READ_CHUNK = 1024 * 1024;
/** Reads in flight at once (libuv's pool has 4 threads): the kernel's copies run beside the checksum. */
const READS_AHEAD = 2;

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
 * block no writer makes) is a SnapshotFileError and nothing of it is ever served. At start it runs
 * in a thread of its own (`image-reader.ts`), beside the main thread's own start-up.
 */
export async function readTableFile(
  path: string,
  expectedRegion: string | undefined,
): Promise<LoadedTable | undefined> {
  const started = performance.now();
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return { ...(await readOpen(file, path, expectedRegion)), readMs: performance.now() - started };
  } catch (error) {
    if (error instanceof SnapshotFileError) throw error;
    throw new SnapshotFileError(`cannot read ${path}: ${(error as Error).message}`);
  } finally {
    await file.close();
  }
}

async function readOpen(
  file: FileHandle,
  path: string,
  expectedRegion: string | undefined,
): Promise<Omit<LoadedTable, 'readMs'>> {
  const bad = (why: string) => new SnapshotFileError(`${path}: ${why}`);
  const { size } = await file.stat();
  const head = Buffer.alloc(HEADER_BYTES);
  if (
    size < HEADER_BYTES + 4 ||
    (await readFully(file, head, 0)) !== HEADER_BYTES ||
    !head.subarray(0, 8).equals(MAGIC)
  )
    throw bad('not a router table file');
  const format = head.readUInt32LE(8);
  if (format !== FORMAT_VERSION) throw bad(`format version ${format}, this router reads ${FORMAT_VERSION}`);
  const layout = head.readUInt32LE(12);
  if (layout !== TABLE_LAYOUT_VERSION)
    throw bad(`written by a router with table layout ${layout}, this router's is ${TABLE_LAYOUT_VERSION}`);
  const regionLength = head.readUInt32LE(16);
  if (regionLength > MAX_REGION_BYTES || HEADER_BYTES + regionLength + 4 > size) throw bad('truncated header');
  const regionBytes = Buffer.alloc(regionLength);
  await readFully(file, regionBytes, HEADER_BYTES);
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
    const read = await readSummed(file, section, at, crc);
    if (read.bytes !== section.length) throw bad('truncated');
    crc = read.crc;
    at += section.length;
  }
  const trailer = Buffer.alloc(4);
  await readFully(file, trailer, at);
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
 * readFully, and the CRC-32 of what was read continued from `crc`. Reads run in libuv's thread pool,
 * READS_AHEAD chunks at a time, while this thread sums the chunk that has just arrived (still in the
 * CPU's cache: the chunks are small): the copy into fresh pages and the checksum overlap.
 */
async function readSummed(
  file: FileHandle,
  into: Uint8Array,
  position: number,
  crc: number,
): Promise<{ bytes: number; crc: number }> {
  const chunks: { from: number; length: number }[] = [];
  for (let from = 0; from < into.length; from += READ_CHUNK)
    chunks.push({ from, length: Math.min(READ_CHUNK, into.length - from) });
  const reads: Promise<{ bytesRead: number }>[] = [];
  const issue = (i: number) => {
    const chunk = chunks[i];
    if (chunk !== undefined) reads[i] = file.read(into, chunk.from, chunk.length, position + chunk.from);
  };
  for (let i = 0; i < READS_AHEAD; i++) issue(i);
  let sum = crc;
  let done = 0;
  for (let i = 0; i < chunks.length; i++) {
    const { bytesRead } = await (reads[i] as Promise<{ bytesRead: number }>);
    const chunk = chunks[i] as { from: number; length: number };
    if (bytesRead !== chunk.length) {
      // A short read (the file shrank under us): finish the chunk by plain reads, or stop at its end.
      const rest = await readFully(
        file,
        into.subarray(chunk.from + bytesRead, chunk.from + chunk.length),
        position + chunk.from + bytesRead,
      );
      if (bytesRead + rest !== chunk.length) {
        await Promise.allSettled(reads.slice(i + 1));
        return { bytes: chunk.from + bytesRead + rest, crc: sum };
      }
    }
    issue(i + READS_AHEAD);
    sum = crc32(into.subarray(chunk.from, chunk.from + chunk.length), sum);
    done = chunk.from + chunk.length;
  }
  return { bytes: done, crc: sum };
}

/** Reads `into.length` bytes at `position` (fewer only at the end of the file); returns the count. */
async function readFully(file: FileHandle, into: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await file.read(into, done, Math.min(READ_CHUNK, into.length - done), position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
