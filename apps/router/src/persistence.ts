import { imageByteLength } from '@switchyard/route-table';
import type { Logger } from '@switchyard/telemetry';
import type { SnapshotStore } from './snapshot-store.ts';
import type { TableKeeper } from './table-keeper.ts';

/**
 * Writes the table to the state dir: right after each full snapshot, and after deltas at most
 * once per `intervalMs`. One write at a time; a change during a write schedules another. The
 * table is held (deltas wait) only while a worker thread copies its buffers; the checksum and
 * the file are written in that thread too.
 */
export class Persistence {
  readonly #store: SnapshotStore;
  readonly #keeper: TableKeeper;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #dirty = false;
  #lastWriteAt = 0;
  #stopped = false;
  writes = 0;

  constructor(store: SnapshotStore, keeper: TableKeeper, logger: Logger, intervalMs: number) {
    this.#store = store;
    this.#keeper = keeper;
    this.#logger = logger;
    this.#intervalMs = intervalMs;
  }

  changed(kind: 'snapshot' | 'delta'): void {
    if (this.#stopped) return;
    this.#dirty = true;
    if (this.#writing !== undefined) return;
    const wait = kind === 'snapshot' ? 0 : Math.max(0, this.#lastWriteAt + this.#intervalMs - Date.now());
    if (this.#timer !== undefined && wait > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#write(), wait);
    this.#timer.unref();
  }

  /** Waits for a write in progress; then no more writes start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#writing;
    await this.#store.close();
  }

  #write(): void {
    this.#timer = undefined;
    if (this.#stopped || !this.#dirty) return;
    this.#dirty = false;
    const { services } = this.#keeper.state();
    this.#writing = this.#store
      .write(() => this.#keeper.hold(), imageByteLength(this.#keeper.handle))
      .then(
        (result) => {
          this.writes++;
          this.#logger.info(
            {
              path: this.#store.path,
              version: result.version,
              services,
              bytes: result.bytes,
              heldMs: Math.round(result.heldMs),
              copyMs: Math.round(result.copyMs),
              writeMs: Math.round(result.writeMs),
            },
            'state-dir table written',
          );
        },
        (error: Error) => this.#logger.error({ path: this.#store.path, err: error }, 'state-dir table not written'),
      )
      .finally(() => {
        this.#lastWriteAt = Date.now();
        this.#writing = undefined;
        if (this.#dirty) this.changed('delta');
      });
  }
}
