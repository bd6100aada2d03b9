import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  allocateSharedBuild,
  finishSharedBuild,
  type RouteTableSizing,
  type TableHandle,
} from '@switchyard/route-table';
import { Piscina } from 'piscina';
import { decodeServiceBatch, type Rejection, sizingFor } from './ingest.ts';
import type { IngestBatch, IngestResult, IngestTask, WarmUpTask } from './ingest-task.ts';
import { taskModule } from './task-module.ts';

const TASK = taskModule('ingest-task');

/**
 * Snapshots are rare, and a thread that has just indexed one holds a large heap (at 1 M services
 * the process's RSS fell by 73–182 MiB when the pool's threads went: bench/router/ingest-pool.ts):
 * let the threads go soon after, not minutes later. Not at once either: a snapshot
 * that fails is retried right away, and starting and stopping threads back to back is what trips
 * a V8 JIT-page check on this platform (see snapshot-store.ts). 3 s (10 s before): a router's RSS
 * after a cold start at 1 M services stayed at 705–790 MiB 12 s after ready (docs/benchmarks.md).
 */
const IDLE_TIMEOUT_MS = 3_000;

/** Default `--ingest-threads`: two threads at most, fewer on a one-core machine. */
export function defaultIngestThreads(): number {
  return Math.min(2, availableParallelism());
}

/** A snapshot's table as the pool built it, before the main thread adopts it. */
export interface BuiltSnapshot {
  readonly handle: TableHandle;
  readonly rejected: Rejection[];
  /** Encoded ServiceBatch events to apply after adopting the table, in stream order. */
  readonly later: IngestBatch[];
}

/**
 * A piscina pool that builds snapshot tables off the main thread: every thread of the pool
 * indexes its share of a snapshot's batches into the same fresh table.
 */
export class IngestPool {
  readonly #pool: Piscina<IngestTask | WarmUpTask, IngestResult | undefined>;
  readonly #threads: number;

  constructor(threads: number) {
    this.#threads = threads;
    this.#pool = new Piscina({
      filename: TASK.filename,
      name: 'default',
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_TIMEOUT_MS,
      execArgv: TASK.execArgv,
    });
  }

  /**
   * Starts the threads now (a router with no table expects a snapshot soon): they load their
   * modules while the process connects to a cache, not when the first batch arrives.
   */
  warmUp(): void {
    for (let i = 0; i < this.#threads; i++) this.#pool.run({ warmUp: true }).catch(() => {});
  }

  /** Starts building a snapshot's table; feed it the batches as they arrive. */
  start(total: number): IngestJob {
    return new IngestJob(total, this.#threads, (task) => {
      const result = this.#pool.run(task, { transferList: [task.port] }) as Promise<IngestResult>;
      // A task that fails before end() is asked for must not be an unhandled rejection.
      result.catch(() => {});
      return result;
    });
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
  readonly #total: number;
  readonly #threads: number;
  readonly #run: (task: IngestTask) => Promise<IngestResult>;
  readonly #ports: MessagePort[] = [];
  readonly #results: Promise<IngestResult>[] = [];
  #handle: TableHandle | undefined;
  #seq = 0;

  constructor(total: number, threads: number, run: (task: IngestTask) => Promise<IngestResult>) {
    this.#total = total;
    this.#threads = threads;
    this.#run = run;
  }

  /** An encoded WatchEvent carrying a ServiceBatch (copied once, then moved to a pool thread). */
  add(bytes: Uint8Array): void {
    // Cloning a view would copy its whole underlying ArrayBuffer, which may be a larger pool.
    const copy = new Uint8Array(bytes);
    if (this.#handle === undefined) this.#begin(copy);
    const seq = this.#seq++;
    const port = this.#ports[seq % this.#ports.length] as MessagePort;
    port.postMessage({ seq, bytes: copy } satisfies IngestBatch, [copy.buffer]);
  }

  /** At the first batch: the table, sized from that batch, and one task per thread to fill it. */
  #begin(first: Uint8Array): void {
    const handle = allocateSharedBuild(this.#sizing(first));
    this.#handle = handle;
    for (let i = 0; i < this.#threads; i++) {
      const { port1, port2 } = new MessageChannel();
      this.#ports.push(port1);
      this.#results.push(this.#run({ port: port2, handle }));
    }
  }

  #sizing(first: Uint8Array): RouteTableSizing {
    try {
      return sizingFor(decodeServiceBatch(first), this.#total);
    } catch {
      // The pool thread that gets this batch fails the snapshot with the reason.
      return { services: this.#total };
    }
  }

  /** SnapshotEnd: the table, or why it could not be built (bad batch, crashed thread). */
  async end(): Promise<BuiltSnapshot> {
    const handle = this.#handle ?? allocateSharedBuild({});
    for (const port of this.#ports) port.postMessage(null);
    let results: IngestResult[];
    try {
      results = await Promise.all(this.#results);
    } finally {
      this.abort();
    }
    const counters = results.map((r) => r.counters);
    finishSharedBuild(handle, counters);
    return {
      handle,
      rejected: results.flatMap((r) => r.rejected),
      later: results.flatMap((r) => r.later).sort((a, b) => a.seq - b.seq),
    };
  }

  /** The snapshot was abandoned (or failed): every task stops and the table is dropped. */
  abort(): void {
    for (const port of this.#ports) port.close();
  }
}
