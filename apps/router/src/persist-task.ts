// The state-dir writer's task (a piscina worker module). The table is held (its deltas wait) only
// while this thread copies its buffers: the thread starts and faults in a buffer the size of the
// table first, says `ready`, gets the held table, copies it, says `copied` (the main thread then
// applies what waited), and only then checksums and writes the copy. The main thread's event loop
// keeps running throughout (the sync client keeps its heartbeats).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { imageSectionBytes, imageSections, imageShape, type TableHandle } from '@switchyard/route-table';
import { encodeHeader, LEGACY_FILE_NAME, TABLE_FILE_NAME, writeAtomically } from './table-file.ts';

export interface PersistTask {
  /** Carries `ready` and `copied` to the main thread, and the held table (a PersistHeld) to this one. */
  readonly port: MessagePort;
  /** Image bytes expected (the table's size when the write was asked for): faulted in before the hold. */
  readonly expectedBytes: number;
  readonly dir: string;
  readonly region: string;
}

export interface PersistHeld {
  readonly handle: TableHandle;
  readonly version: number;
  readonly commitTimeMs: number;
}

export interface PersistResult {
  readonly bytes: number;
  /** Copy of the held table's buffers (what the main thread's deltas wait for). */
  readonly copyMs: number;
  /** Checksum and write, fsync, rename. */
  readonly writeMs: number;
}

export const READY = 'ready';
export const COPIED = 'copied';
/** Room for the table to grow between the request and the hold without a second allocation. */
const SLACK = 1.05;

export default async function persistTable(task: PersistTask): Promise<PersistResult> {
  // Touch every page now, not while the table is held.
  const scratch = { buffer: ownBuffer(Math.ceil(task.expectedBytes * SLACK)).fill(0) };
  try {
    return await copyAndWrite(task, scratch);
  } finally {
    // The copy is as big as the table: give its memory back now, not at this thread's next GC
    // (an idle thread may have none before it exits, 30 s later).
    release(scratch.buffer);
  }
}

/** A Buffer over an ArrayBuffer of its own (never Buffer's shared pool), so that it can be released. */
function ownBuffer(bytes: number): Buffer {
  return Buffer.from(new ArrayBuffer(bytes));
}

/** Frees a buffer's memory at once (detaches its ArrayBuffer; the Buffer is then empty). */
function release(buffer: Buffer): void {
  (buffer.buffer as ArrayBuffer).transfer(0);
}

async function copyAndWrite(task: PersistTask, scratch: { buffer: Buffer }): Promise<PersistResult> {
  const { port } = task;
  const held = await new Promise<PersistHeld>((resolve, reject) => {
    port.once('message', resolve);
    port.once('close', () => reject(new Error('state-dir write abandoned')));
    port.postMessage(READY);
  });
  const started = performance.now();
  const shape = imageShape(held.handle);
  const length = imageSectionBytes(shape).reduce((a, b) => a + b, 0);
  if (length > scratch.buffer.length) {
    release(scratch.buffer);
    scratch.buffer = ownBuffer(length);
  }
  const body = scratch.buffer.subarray(0, length);
  let at = 0;
  for (const section of imageSections(held.handle, shape)) {
    body.set(section, at);
    at += section.length;
  }
  port.postMessage(COPIED);
  port.close();
  const copied = performance.now();

  const header = encodeHeader({ region: task.region, version: held.version, commitTimeMs: held.commitTimeMs, shape });
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc32(body, crc32(header)) >>> 0, 0);
  const bytes = await writeAtomically(task.dir, TABLE_FILE_NAME, [header, body, trailer]);
  await rm(join(task.dir, LEGACY_FILE_NAME), { force: true });
  return { bytes, copyMs: copied - started, writeMs: performance.now() - copied };
}
