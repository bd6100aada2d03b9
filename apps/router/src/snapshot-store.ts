import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { type Service, v1 } from '@switchyard/proto';
import { SnapshotFileError } from './errors.ts';

/**
 * The last-known-good snapshot in the state dir: the records, not the table's buffers, so a
 * change of the table's byte layout never strands a file, and loading runs the same ingest as
 * a snapshot from a cache. See docs/router.md.
 *
 *   +0   MAGIC (8 bytes, "SWYDSNAP")
 *   +8   FORMAT_VERSION       Uint32 LE
 *   +12  region byte length   Uint32 LE
 *   +16  table version        Float64 LE (a cache version: exact below 2^53)
 *   +24  commit time (ms)     Float64 LE
 *   +32  record count         Uint32 LE
 *   +36  region (UTF-8)
 *   then per record: Uint32 LE length + a `switchyard.routing.v1.Service` protobuf
 *   last 4 bytes: CRC-32 (zlib) of everything before them, Uint32 LE
 */
const MAGIC = Buffer.from('SWYDSNAP', 'latin1');
const FORMAT_VERSION = 1;
const HEADER_BYTES = 36;
const FILE_NAME = 'routes.snapshot';
/** Records encoded between two yields to the event loop (the sync client keeps running). */
const YIELD_EVERY = 20_000;

export interface StoredSnapshot {
  region: string;
  version: number;
  commitTimeMs: number;
  services: Service[];
}

export class SnapshotStore {
  readonly #dir: string;
  readonly #region: string;

  constructor(dir: string, region: string) {
    this.#dir = dir;
    this.#region = region;
  }

  get path(): string {
    return join(this.#dir, FILE_NAME);
  }

  /**
   * Writes atomically: a temporary file in the same directory, fsync, rename over the old file,
   * fsync the directory. A crash at any point leaves either the old file or the new one.
   */
  async write(records: Iterable<Service>, version: number, commitTimeMs: number): Promise<number> {
    const parts: Uint8Array[] = [];
    const region = Buffer.from(this.#region, 'utf8');
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(FORMAT_VERSION, 8);
    header.writeUInt32LE(region.length, 12);
    header.writeDoubleLE(version, 16);
    header.writeDoubleLE(commitTimeMs, 24);
    parts.push(header, region);
    let count = 0;
    for (const record of records) {
      const bytes = v1.Service.encode(record).finish();
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length, 0);
      parts.push(length, bytes);
      if (++count % YIELD_EVERY === 0) await yieldToLoop();
    }
    header.writeUInt32LE(count, 32);
    let crc = 0;
    for (const part of parts) crc = crc32(part, crc);
    const trailer = Buffer.alloc(4);
    trailer.writeUInt32LE(crc >>> 0, 0);
    parts.push(trailer);

    await mkdir(this.#dir, { recursive: true });
    const temp = join(this.#dir, `.${FILE_NAME}.${process.pid}.${Date.now()}.tmp`);
    const file = await open(temp, 'w', 0o600);
    let bytes = 0;
    try {
      const chunk = 1024;
      for (let i = 0; i < parts.length; i += chunk) {
        const { bytesWritten } = await file.writev(parts.slice(i, i + chunk));
        bytes += bytesWritten;
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, this.path);
    const dir = await open(this.#dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return bytes;
  }

  /** The stored snapshot, undefined when there is none; a file that fails any check is a SnapshotFileError. */
  async read(): Promise<StoredSnapshot | undefined> {
    let file: Buffer;
    try {
      file = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new SnapshotFileError(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    return decodeSnapshot(file, this.#region, this.path);
  }
}

export function decodeSnapshot(file: Buffer, expectedRegion: string, where: string): StoredSnapshot {
  const bad = (why: string) => new SnapshotFileError(`${where}: ${why}`);
  if (file.length < HEADER_BYTES + 4 || !file.subarray(0, 8).equals(MAGIC)) throw bad('not a router snapshot');
  const format = file.readUInt32LE(8);
  if (format !== FORMAT_VERSION) throw bad(`format version ${format}, this router reads ${FORMAT_VERSION}`);
  const body = file.subarray(0, file.length - 4);
  if (crc32(body) >>> 0 !== file.readUInt32LE(file.length - 4)) throw bad('checksum mismatch (truncated or corrupt)');
  const regionLength = file.readUInt32LE(12);
  const version = file.readDoubleLE(16);
  const commitTimeMs = file.readDoubleLE(24);
  const count = file.readUInt32LE(32);
  let at = HEADER_BYTES + regionLength;
  if (at > body.length) throw bad('truncated header');
  const region = file.toString('utf8', HEADER_BYTES, at);
  if (region !== expectedRegion) throw bad(`snapshot of region "${region}", this router serves "${expectedRegion}"`);
  const services: Service[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 4 > body.length) throw bad(`truncated at record ${i}`);
    const length = file.readUInt32LE(at);
    at += 4;
    if (at + length > body.length) throw bad(`truncated at record ${i}`);
    services.push(v1.Service.decode(file.subarray(at, at + length)));
    at += length;
  }
  if (at !== body.length) throw bad('trailing bytes after the last record');
  return { region, version, commitTimeMs, services };
}
