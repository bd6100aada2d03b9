import { type Delta, type Service, v1 } from '@switchyard/proto';
import {
  RouteTableError,
  type RouteTableSizing,
  RouteTableWriter,
  type ServiceRecord,
  type TableHandle,
} from '@switchyard/route-table';
import type { Logger } from '@switchyard/telemetry';
import type { SyncSink } from './sync-client.ts';

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
  /**
   * Keep the decoded records by id (for the state-dir snapshot). Off without a state dir: at a
   * million services they are most of the main thread's heap.
   */
  keepRecords: boolean;
}

/**
 * The main thread's side of the route table: the single writer, fed by the sync client
 * (a SyncSink). A snapshot fills a fresh table that is swapped in at SnapshotEnd; deltas are
 * applied in place. It also keeps the records it applied, by id, so that a last-known-good
 * snapshot can be written to the state dir without asking any cache.
 */
export class TableKeeper implements SyncSink {
  readonly #logger: Logger;
  readonly #onHandle: (handle: TableHandle) => void;
  readonly #onChange: (kind: 'snapshot' | 'delta') => void;
  #writer: RouteTableWriter;
  #unsubscribe: () => void;
  #records = new Map<string, Service>();
  #fresh: { writer: RouteTableWriter | undefined; total: number; records: Map<string, Service> } | undefined;
  #version = 0;
  #commitTimeMs = 0;
  #rejected = 0;
  readonly #keepRecords: boolean;

  constructor(options: TableKeeperOptions) {
    this.#keepRecords = options.keepRecords;
    this.#logger = options.logger;
    this.#onHandle = options.onHandle;
    this.#onChange = options.onChange;
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

  /** The records in the table now, for the state-dir snapshot (empty unless `keepRecords`). */
  records(): IterableIterator<Service> {
    return this.#records.values();
  }

  beginSnapshot(_version: number, total: number): void {
    // The table is created at the first batch, sized from it: a table that must grow mid-ingest
    // copies everything once more.
    this.#fresh = { writer: undefined, total, records: new Map() };
  }

  addBatch(services: Service[]): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    fresh.writer ??= RouteTableWriter.create(sizingFor(services, fresh.total));
    this.#upsert(fresh.writer, fresh.records, services);
  }

  endSnapshot(version: number): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    this.#fresh = undefined;
    this.#swap(fresh.writer ?? RouteTableWriter.create(), fresh.records, version, this.#commitTimeMs);
    this.#onChange('snapshot');
  }

  abortSnapshot(): void {
    this.#fresh = undefined;
  }

  applyDelta(delta: Delta): void {
    this.#upsert(this.#writer, this.#records, delta.upserts ?? []);
    const removed = delta.removedIds ?? [];
    if (removed.length > 0) {
      this.#writer.apply({ removedIds: removed });
      if (this.#keepRecords) for (const id of removed) this.#records.delete(id);
    }
    this.#version = Math.max(this.#version, delta.version ?? 0);
    if (delta.commitTimeMs) this.#commitTimeMs = delta.commitTimeMs;
    this.#onChange('delta');
  }

  /** Heartbeats move the version and commit time without changing the table. */
  noteProgress(version: number, commitTimeMs: number): void {
    if (version > this.#version) this.#version = version;
    if (commitTimeMs > this.#commitTimeMs) this.#commitTimeMs = commitTimeMs;
  }

  /** Replaces the table with records read from the state dir. */
  load(services: readonly Service[], version: number, commitTimeMs: number): void {
    const writer = RouteTableWriter.create(sizingFor(services.slice(0, 4096), services.length));
    const records = new Map<string, Service>();
    const chunk = 4096;
    for (let i = 0; i < services.length; i += chunk) this.#upsert(writer, records, services.slice(i, i + chunk));
    this.#swap(writer, records, version, commitTimeMs);
  }

  #swap(writer: RouteTableWriter, records: Map<string, Service>, version: number, commitTimeMs: number): void {
    this.#unsubscribe();
    this.#writer = writer;
    this.#records = records;
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

  /**
   * Applies a batch in one go; if the table refuses it (one bad record fails the whole call and
   * leaves the table untouched), applies the records one by one and skips the bad ones.
   */
  #upsert(writer: RouteTableWriter, records: Map<string, Service>, services: readonly Service[]): void {
    if (services.length === 0) return;
    const converted: ServiceRecord[] = [];
    for (const service of services) converted.push(toTableRecord(service));
    try {
      writer.apply({ upserts: converted });
      if (this.#keepRecords) for (const service of services) records.set(service.id as string, service);
      return;
    } catch (error) {
      if (!(error instanceof RouteTableError)) throw error;
    }
    for (let i = 0; i < converted.length; i++) {
      const service = services[i] as Service;
      try {
        writer.apply({ upserts: [converted[i] as ServiceRecord] });
        if (this.#keepRecords) records.set(service.id as string, service);
      } catch (error) {
        if (!(error instanceof RouteTableError)) throw error;
        this.#rejected++;
        // A record the table refuses must not leave an older version of it routable.
        if (writer.hasService(service.id as string)) writer.apply({ removedIds: [service.id as string] });
        records.delete(service.id as string);
        this.#logger.warn({ serviceId: service.id, err: error.message }, 'service record rejected by the route table');
      }
    }
  }
}

/**
 * Table sizing for `total` services, extrapolated from a sample (the first batch): hostnames per
 * service and arena bytes per service (record, its cell, key entries, strings), with headroom.
 */
export function sizingFor(sample: readonly Service[], total: number): RouteTableSizing {
  let hostnames = 0;
  let bytes = 0;
  for (const service of sample) {
    const names = service.hostnames ?? [];
    hostnames += names.length;
    bytes += 80 + (service.id?.length ?? 0);
    for (const name of names) bytes += 24 + name.length;
    for (const instance of service.instances ?? []) bytes += 8 + (instance.host?.length ?? 0);
    if (service.staticSite) bytes += 64 + (service.staticSite.activeBuildId?.length ?? 0);
  }
  const scale = Math.max(total, sample.length, 1) / Math.max(sample.length, 1);
  return {
    services: Math.max(total, sample.length),
    hostnames: Math.ceil(hostnames * scale),
    arenaBytes: Math.ceil(bytes * scale * ARENA_HEADROOM),
  };
}

/** Room for the records a sample did not show (longer names, more instances) and later deltas. */
const ARENA_HEADROOM = 1.3;

/**
 * A decoded `switchyard.routing.v1.Service` → the route table's record. The enum values carry
 * over, and a decoded web service already has every field the table reads (protobufjs puts the
 * defaults on the prototype), so it is passed as it is: no copy per record during a snapshot.
 */
export function toTableRecord(service: Service): ServiceRecord {
  const staticSite = service.staticSite;
  if (!staticSite && service.hostnames) return service as ServiceRecord;
  return {
    id: service.id ?? '',
    kind: service.kind ?? 0,
    plan: service.plan ?? 0,
    state: service.state ?? 0,
    version: service.version ?? 0,
    hostnames: service.hostnames ?? [],
    instances: service.instances as ServiceRecord['instances'],
    activeBuildId: staticSite?.activeBuildId ?? '',
    // The static path (a later issue) reads its rules from here without another lookup.
    blob: staticSite ? v1.StaticSite.encode(staticSite).finish() : undefined,
  };
}
