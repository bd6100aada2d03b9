import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableHandle } from '@switchyard/route-table';
import { Piscina } from 'piscina';
import { SnapshotFileError } from './errors.ts';
import type { PersistResult, PersistTask } from './persist-task.ts';
import { LEGACY_FILE_NAME, type LoadedTable, readTableFile, TABLE_FILE_NAME } from './table-file.ts';
import { taskModule } from './task-module.ts';

const TASK = taskModule('persist-task');
/** Writes are seconds apart at most every --persist-interval: let the thread (and its copy) go. */
const IDLE_TIMEOUT_MS = 1_000;

/** A table held still for a write: its deltas wait until `release()`. */
export interface HeldTable {
  readonly handle: TableHandle;
  readonly version: number;
  readonly commitTimeMs: number;
  release(): void;
}

export interface StoreWriteResult extends PersistResult {
  /** Main-thread time from hold to release (the copy, plus waking up). */
  readonly heldMs: number;
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
   * Writes the held table in a worker thread; releases it as soon as the worker has copied its
   * buffers (or failed). Resolves once the file is durable.
   */
  async write(held: HeldTable): Promise<StoreWriteResult> {
    this.#pool ??= new Piscina({
      filename: TASK.filename,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_TIMEOUT_MS,
      execArgv: TASK.execArgv,
    });
    const started = performance.now();
    let heldMs = -1;
    const release = () => {
      if (heldMs >= 0) return;
      heldMs = performance.now() - started;
      held.release();
    };
    const copied = new SharedArrayBuffer(4);
    const flag = new Int32Array(copied);
    const wait = Atomics.waitAsync(flag, 0, 0);
    if (wait.async) void wait.value.then(release);
    else release();
    const task: PersistTask = {
      handle: held.handle,
      copied,
      dir: this.#dir,
      region: this.#region,
      version: held.version,
      commitTimeMs: held.commitTimeMs,
    };
    let result: PersistResult;
    try {
      result = await this.#pool.run(task);
    } finally {
      // A worker that failed before copying never notified: release here, and wake the waiter.
      release();
      Atomics.notify(flag, 0);
    }
    return { ...result, heldMs };
  }

  /**
   * The stored table, undefined when there is none; a file that fails any check is a
   * SnapshotFileError (an older router's record snapshot too: it is not read).
   */
  async read(): Promise<LoadedTable | undefined> {
    const loaded = await readTableFile(this.path, this.#region);
    if (loaded !== undefined) return loaded;
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
