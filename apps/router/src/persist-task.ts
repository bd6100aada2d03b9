// The state-dir writer's task (a piscina worker module): copies the route table's buffers while
// the main thread holds its deltas, tells it so at once through a shared flag, then checksums
// and writes the copy to the state dir. The main thread only ever waits for the copy, and only
// its deltas wait: the event loop keeps running (the sync client keeps its heartbeats).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { imageSectionBytes, imageSections, imageShape, type TableHandle } from '@switchyard/route-table';
import { encodeHeader, LEGACY_FILE_NAME, TABLE_FILE_NAME, writeAtomically } from './table-file.ts';

export interface PersistTask {
  readonly handle: TableHandle;
  /** Int32 word 0 goes from 0 to COPIED (with Atomics.notify) once the table may change again. */
  readonly copied: SharedArrayBuffer;
  readonly dir: string;
  readonly region: string;
  readonly version: number;
  readonly commitTimeMs: number;
}

export interface PersistResult {
  readonly bytes: number;
  /** Time the table was held (copy of its buffers). */
  readonly copyMs: number;
  /** Checksum and write, fsync, rename. */
  readonly writeMs: number;
}

export const COPIED = 1;

export default async function persistTable(task: PersistTask): Promise<PersistResult> {
  const started = performance.now();
  const shape = imageShape(task.handle);
  const body = Buffer.allocUnsafe(imageSectionBytes(shape).reduce((a, b) => a + b, 0));
  let at = 0;
  for (const section of imageSections(task.handle, shape)) {
    body.set(section, at);
    at += section.length;
  }
  const flag = new Int32Array(task.copied);
  Atomics.store(flag, 0, COPIED);
  Atomics.notify(flag, 0);
  const copied = performance.now();

  const header = encodeHeader({ region: task.region, version: task.version, commitTimeMs: task.commitTimeMs, shape });
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc32(body, crc32(header)) >>> 0, 0);
  const bytes = await writeAtomically(task.dir, TABLE_FILE_NAME, [header, body, trailer]);
  await rm(join(task.dir, LEGACY_FILE_NAME), { force: true });
  return { bytes, copyMs: copied - started, writeMs: performance.now() - copied };
}
