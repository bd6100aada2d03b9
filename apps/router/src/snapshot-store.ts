import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { TableHandle } from '@switchyard/route-table';
import { Piscina } from 'piscina';
import { SnapshotFileError } from './errors.ts';
import { COPIED, type PersistHeld, type PersistResult, type PersistTask, READY } from './persist-task.ts';
import { type PreloadedImage, readTableImage } from './preload.ts';
import { LEGACY_FILE_NAME, type LoadedTable, TABLE_FILE_NAME } from './table-file.ts';
import { taskModule } from './task-module.ts';

const TASK = taskModule('persist-task');
/**
 * Let the thread (and its copy of the table) go between writes, which come at most every
 * --persist-interval (30 s by default); but not after every write when they come faster: starting
 * and stopping threads back to back is what trips a V8 JIT-page check on this platform ("Check failed:
 * jit_page.has_value()", seen once in the router's test suite; nodejs/node#64500 is of its kind).
 */
const IDLE_TIMEOUT_MS = 30_000;

/** A table held still for a write: its deltas wait until `release()`. */
export interface HeldTable {
  readonly handle: TableHandle;
  readonly version: number;
  readonly commitTimeMs: number;
  release(): void;
}

export interface StoreWriteResult extends PersistResult {
  /** Main-thread time from hold to release (the copy, plus two messages). */
  readonly heldMs: number;
  /** The table version written. */
  readonly version: number;
}

/**
 * The state dir: the route table's own buffers in `DIR/routes.table` (format: table-file.ts),
 * written from a worker thread, read at start straight into SharedArrayBuffers.
 */
export class SnapshotStore {
  readonly #dir: string;
  readonly #region: string;
  #pool: Piscina<PersistTask, PersistResult> | undefined;

  constructor(dir: string, region: string) {
    this.#dir = dir;
    this.#region = region;
  }

  get path(): string {
    return join(this.#dir, TABLE_FILE_NAME);
  }

  /**
   * Writes the table in a worker thread: `hold` is called once the thread is ready to copy (it
   * has started and faulted in its buffer), and the table is released as soon as the copy is
   * done (or the write failed). Resolves once the file is durable.
   */
  async write(hold: () => HeldTable, expectedBytes: number): Promise<StoreWriteResult> {
    this.#pool ??= new Piscina({
      filename: TASK.filename,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_TIMEOUT_MS,
      execArgv: TASK.execArgv,
    });
    const { port1, port2 } = new MessageChannel();
    let held: HeldTable | undefined;
    let heldAt = 0;
    let heldMs = 0;
    let released = false;
    const release = () => {
      if (held === undefined || released) return;
      released = true;
      heldMs = performance.now() - heldAt;
      held.release();
    };
    port1.on('message', (message: string) => {
      if (message === READY && held === undefined) {
        held = hold();
        heldAt = performance.now();
        const go: PersistHeld = { handle: held.handle, version: held.version, commitTimeMs: held.commitTimeMs };
        port1.postMessage(go);
      } else if (message === COPIED) release();
    });
    const task: PersistTask = { port: port2, expectedBytes, dir: this.#dir, region: this.#region };
    let result: PersistResult;
    try {
      result = await this.#pool.run(task, { transferList: [port2] });
    } finally {
      release();
      port1.close();
    }
    return { ...result, heldMs, version: held?.version ?? 0 };
  }

  /**
   * The stored table, undefined when there is none; a file that fails any check is a
   * SnapshotFileError (an older router's record snapshot too: it is not read). Read in a thread of
   * its own; `preloaded`: a read of this state dir started earlier (preload.ts), used instead.
   */
  async read(preloaded?: PreloadedImage): Promise<LoadedTable | undefined> {
    const early = preloaded !== undefined && resolve(preloaded.dir) === resolve(this.#dir) ? preloaded : undefined;
    const loaded = await (early?.table ?? readTableImage(this.#dir));
    if (loaded !== undefined) {
      if (loaded.region !== this.#region)
        throw new SnapshotFileError(
          `${this.path}: table of region "${loaded.region}", this router serves "${this.#region}"`,
        );
      return loaded;
    }
    const legacy = join(this.#dir, LEGACY_FILE_NAME);
    const exists = await access(legacy).then(
      () => true,
      () => false,
    );
    if (exists)
      throw new SnapshotFileError(
        `${legacy}: a record snapshot of an older router, not read (this router keeps table images in ${TABLE_FILE_NAME}; replaced at the first write)`,
      );
    return undefined;
  }

  async close(): Promise<void> {
    await this.#pool?.destroy();
    this.#pool = undefined;
  }
}
