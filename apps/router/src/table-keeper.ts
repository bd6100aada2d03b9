import type { Delta, Service } from '@switchyard/proto';
import { RouteTableWriter, type TableHandle } from '@switchyard/route-table';
import type { Logger } from '@switchyard/telemetry';
import { IngestFailedError } from './errors.ts';
import { decodeServiceBatch, type Rejection, sizingFor, upsertServices } from './ingest.ts';
import type { IngestJob, IngestPool } from './ingest-pool.ts';
import type { HeldTable } from './snapshot-store.ts';
import type { SyncSink } from './sync-client.ts';

export { sizingFor, toTableRecord } from './ingest.ts';

/** What the state-dir snapshot and /debug/state need to know about the table in use. */
export interface TableState {
  version: number;
  /** Unix ms of the newest commit applied (cache clock), 0 if unknown. */
  commitTimeMs: number;
  services: number;
  hostnames: number;
  generation: number;
}

export interface TableKeeperOptions {
  logger: Logger;
  /** A new generation must reach every reader (snapshot swap, growth, compaction). */
  onHandle: (handle: TableHandle) => void;
  /** The table changed (snapshot swapped in, delta applied): persistence may want to run. */
  onChange: (kind: 'snapshot' | 'delta') => void;
  /** A delta carrying this commit time (Unix ms) is now in the table (the propagation histogram). */
  onDeltaApplied?: (commitTimeMs: number) => void;
  /** Builds snapshot tables off the main thread; without it they are built here. */
  ingest?: IngestPool;
}

interface FreshSnapshot {
  writer: RouteTableWriter | undefined;
  total: number;
  /** The table being built in the ingest pool, from encoded batches. */
  job: IngestJob | undefined;
}

/** A snapshot being built by the ingest pool; deltas that arrive meanwhile wait here. */
interface PendingSnapshot {
  readonly deltas: Delta[];
}

/**
 * The main thread's side of the route table: the single writer, fed by the sync client
 * (a SyncSink). A snapshot fills a fresh table that is swapped in at SnapshotEnd; deltas are
 * applied in place. The state dir is written from the table's own buffers: `hold()` keeps the
 * table still (deltas wait in order) while a worker copies them.
 */
export class TableKeeper implements SyncSink {
  readonly #logger: Logger;
  readonly #onHandle: (handle: TableHandle) => void;
  readonly #onChange: (kind: 'snapshot' | 'delta') => void;
  readonly #onDeltaApplied: ((commitTimeMs: number) => void) | undefined;
  #writer: RouteTableWriter;
  #unsubscribe: () => void;
  #fresh: FreshSnapshot | undefined;
  #pending: PendingSnapshot | undefined;
  readonly #ingest: IngestPool | undefined;
  #version = 0;
  #commitTimeMs = 0;
  #rejected = 0;
  /** Deltas and heartbeats waiting while the table is held for a state-dir copy. */
  #held: (() => void)[] | undefined;

  constructor(options: TableKeeperOptions) {
    this.#ingest = options.ingest;
    this.#logger = options.logger;
    this.#onHandle = options.onHandle;
    this.#onChange = options.onChange;
    this.#onDeltaApplied = options.onDeltaApplied;
    this.#writer = RouteTableWriter.create();
    this.#unsubscribe = this.#follow(this.#writer);
  }

  get handle(): TableHandle {
    return this.#writer.handle;
  }

  get writer(): RouteTableWriter {
    return this.#writer;
  }

  /** Records rejected by the table (invalid hostnames, unknown enum values) since start. */
  get rejected(): number {
    return this.#rejected;
  }

  state(): TableState {
    const stats = this.#writer.stats();
    return {
      version: this.#version,
      commitTimeMs: this.#commitTimeMs,
      services: stats.services,
      hostnames: stats.hostnames,
      generation: stats.generation,
    };
  }

  /**
   * Keeps the current table still until `release()`: deltas and heartbeats wait in order (a
   * snapshot swapped in meanwhile supersedes them: it came later on the stream). The version and
   * commit time are those of the held table.
   */
  hold(): HeldTable {
    if (this.#held !== undefined) throw new Error('the table is already held');
    const queue: (() => void)[] = [];
    this.#held = queue;
    return {
      handle: this.#writer.handle,
      version: this.#version,
      commitTimeMs: this.#commitTimeMs,
      release: () => {
        if (this.#held !== queue) return;
        this.#held = undefined;
        for (const apply of queue) apply();
        if (queue.length > 0) this.#onChange('delta');
      },
    };
  }

  beginSnapshot(_version: number, total: number): void {
    // The table is created at the first batch, sized from it: a table that must grow mid-ingest
    // copies everything once more. A snapshot still being built in the pool is superseded.
    this.#pending = undefined;
    this.#fresh?.job?.abort();
    this.#fresh = { writer: undefined, total, job: undefined };
  }

  addBatch(services: Service[]): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    fresh.writer ??= RouteTableWriter.create(sizingFor(services, fresh.total));
    this.#upsert(fresh.writer, services);
  }

  /** A ServiceBatch still encoded: kept for the ingest pool, or decoded and applied here. */
  addEncodedBatch(bytes: Uint8Array): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    if (this.#ingest === undefined) {
      this.addBatch(decodeServiceBatch(bytes));
      return;
    }
    fresh.job ??= this.#ingest.start(fresh.total);
    fresh.job.add(bytes);
  }

  /** Swaps the fresh table in; with the ingest pool, once the pool has built it (the promise). */
  endSnapshot(version: number): undefined | Promise<void> {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    this.#fresh = undefined;
    if (fresh.job !== undefined) return this.#endInPool(fresh.job, version);
    this.#swap(fresh.writer ?? RouteTableWriter.create(), version, this.#commitTimeMs);
    this.#onChange('snapshot');
    return;
  }

  abortSnapshot(): void {
    this.#fresh?.job?.abort();
    this.#fresh = undefined;
  }

  applyDelta(delta: Delta): void {
    if (this.#pending !== undefined) {
      this.#pending.deltas.push(delta);
      return;
    }
    if (this.#held !== undefined) {
      this.#held.push(() => this.#applyDelta(delta));
      return;
    }
    this.#applyDelta(delta);
    this.#onChange('delta');
  }

  async #endInPool(job: IngestJob, version: number): Promise<void> {
    const pending: PendingSnapshot = { deltas: [] };
    this.#pending = pending;
    const started = performance.now();
    let result: Awaited<ReturnType<IngestJob['end']>>;
    try {
      result = await job.end();
    } catch (error) {
      if (this.#pending === pending) this.#pending = undefined;
      this.#logger.error({ err: (error as Error).message }, 'snapshot ingest failed; keeping the current table');
      throw new IngestFailedError(`snapshot ingest failed: ${(error as Error).message}`);
    }
    // A newer snapshot began meanwhile: this one is stale.
    if (this.#pending !== pending) return;
    this.#pending = undefined;
    const writer = RouteTableWriter.adopt(result.handle);
    for (const rejection of result.rejected) this.#reject(rejection);
    // Batches the table had no room for and records that met a duplicate: here, in stream order.
    for (const batch of result.later) this.#upsert(writer, decodeServiceBatch(batch.bytes));
    this.#swap(writer, version, this.#commitTimeMs);
    this.#logger.info(
      {
        services: writer.stats().services,
        msAfterSnapshotEnd: Math.round(performance.now() - started),
        appliedAfter: result.later.length,
        queuedDeltas: pending.deltas.length,
      },
      'snapshot table built by the ingest pool',
    );
    for (const delta of pending.deltas) this.#applyDelta(delta);
    this.#onChange('snapshot');
  }

  #applyDelta(delta: Delta): void {
    const upserts = delta.upserts ?? [];
    this.#upsert(this.#writer, upserts);
    const removed = delta.removedIds ?? [];
    if (removed.length > 0) this.#writer.apply({ removedIds: removed });
    this.#version = Math.max(this.#version, delta.version ?? 0);
    if (delta.commitTimeMs) {
      this.#commitTimeMs = delta.commitTimeMs;
      this.#onDeltaApplied?.(oldestCommit(upserts, delta.commitTimeMs));
    }
  }

  /** Heartbeats move the version and commit time without changing the table. */
  noteProgress(version: number, commitTimeMs: number): void {
    if (this.#held !== undefined) {
      this.#held.push(() => this.noteProgress(version, commitTimeMs));
      return;
    }
    if (version > this.#version) this.#version = version;
    if (commitTimeMs > this.#commitTimeMs) this.#commitTimeMs = commitTimeMs;
  }

  /** Replaces the table with decoded records (benchmarks and tests; a router warm-starts from an image). */
  load(services: readonly Service[], version: number, commitTimeMs: number): void {
    const writer = RouteTableWriter.create(sizingFor(services.slice(0, 4096), services.length));
    const chunk = 4096;
    for (let i = 0; i < services.length; i += chunk) this.#upsert(writer, services.slice(i, i + chunk));
    this.#swap(writer, version, commitTimeMs);
  }

  /** Replaces the table with one read from the state dir (its buffers, adopted as they are). */
  loadImage(handle: TableHandle, version: number, commitTimeMs: number): void {
    this.#swap(RouteTableWriter.adopt(handle), version, commitTimeMs);
  }

  #swap(writer: RouteTableWriter, version: number, commitTimeMs: number): void {
    // Deltas held for a state-dir copy came before this table on the stream: it has them.
    if (this.#held !== undefined) this.#held.length = 0;
    this.#unsubscribe();
    this.#writer = writer;
    this.#version = version;
    this.#commitTimeMs = commitTimeMs;
    this.#unsubscribe = this.#follow(writer);
    this.#onHandle(writer.handle);
  }

  #follow(writer: RouteTableWriter): () => void {
    return writer.onHandover((handle) => {
      if (writer === this.#writer) this.#onHandle(handle);
    });
  }

  #upsert(writer: RouteTableWriter, services: readonly Service[]): void {
    for (const rejection of upsertServices(writer, services)) this.#reject(rejection);
  }

  #reject(rejection: Rejection): void {
    this.#rejected++;
    this.#logger.warn(
      { serviceId: rejection.serviceId, err: rejection.reason },
      'service record rejected by the route table',
    );
  }
}

/**
 * The commit time a delta's propagation counts from: its oldest record's own commit (each record
 * carries the time of its last change), so that a change coalesced with later ones is not counted
 * from the newest of them (the delta's `commitTimeMs`, kept for the lag gauge). A delta of removals
 * alone has only the delta's time.
 */
export function oldestCommit(upserts: readonly Service[], deltaCommitTimeMs: number): number {
  let oldest = deltaCommitTimeMs;
  for (const service of upserts) {
    const at = Number(service.commitTimeMs ?? 0);
    if (at > 0 && at < oldest) oldest = at;
  }
  return oldest;
}
