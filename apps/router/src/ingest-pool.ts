import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { IngestResult, IngestTask } from './ingest-task.ts';
import { taskModule } from './task-module.ts';

const TASK = taskModule('ingest-task');

/** Snapshots are rare: keep the threads a while so a resync does not pay for new ones. */
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** Default `--ingest-threads`: two threads at most, fewer on a one-core machine. */
export function defaultIngestThreads(): number {
  return Math.min(2, availableParallelism());
}

/** A piscina pool that builds snapshot tables off the main thread (one task per snapshot). */
export class IngestPool {
  readonly #pool: Piscina<IngestTask, IngestResult>;

  constructor(threads: number) {
    this.#pool = new Piscina({
      filename: TASK.filename,
      name: 'default',
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_TIMEOUT_MS,
      execArgv: TASK.execArgv,
    });
  }

  /** Starts building a snapshot's table in a pool thread; feed it the batches as they arrive. */
  start(total: number): IngestJob {
    const { port1, port2 } = new MessageChannel();
    const task: IngestTask = { port: port2, total };
    const result = this.#pool.run(task, { transferList: [port2] });
    // A task that fails before end() is asked for must not be an unhandled rejection.
    result.catch(() => {});
    return new IngestJob(port1, result);
  }

  get threads(): number {
    return this.#pool.threads.length;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}

/** One snapshot being built in the pool. */
export class IngestJob {
  readonly #port: MessagePort;
  readonly #result: Promise<IngestResult>;

  constructor(port: MessagePort, result: Promise<IngestResult>) {
    this.#port = port;
    this.#result = result;
  }

  /** An encoded WatchEvent carrying a ServiceBatch (copied once, then moved to the pool thread). */
  add(bytes: Uint8Array): void {
    // Cloning a view would copy its whole underlying ArrayBuffer, which may be a larger pool.
    const copy = new Uint8Array(bytes);
    this.#port.postMessage(copy, [copy.buffer]);
  }

  /** SnapshotEnd: the table, or why it could not be built (bad batch, crashed thread). */
  end(): Promise<IngestResult> {
    this.#port.postMessage(null);
    return this.#result.finally(() => this.#port.close());
  }

  /** The snapshot was abandoned: the task stops and its table is dropped. */
  abort(): void {
    this.#port.close();
  }
}
