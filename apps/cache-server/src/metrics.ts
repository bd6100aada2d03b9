import { Counter, Gauge, Histogram, type Registry } from '@switchyard/telemetry';
import type { RouteState } from './state.ts';

/** The cache server's Prometheus series (all prefixed `switchyard_cache_`). */
export class CacheMetrics {
  readonly subscribers: Gauge;
  readonly changesApplied: Counter;
  readonly fetchBatchSize: Histogram;
  readonly fetchDuration: Histogram;
  readonly databaseConnected: Gauge;
  readonly synced: Gauge;
  readonly snapshotDuration: Histogram;
  readonly snapshotServices: Histogram;
  readonly snapshotBytes: Histogram;
  readonly streamsResynced: Counter;
  readonly streamsDropped: Counter;
  readonly reloads: Counter;
  readonly sharedSnapshots: Counter;

  constructor(registry: Registry, state: RouteState) {
    const registers = [registry];
    this.subscribers = new Gauge({ name: 'switchyard_cache_subscribers', help: 'Open Watch streams', registers });
    new Gauge({
      name: 'switchyard_cache_version',
      help: 'Current version (xmin of the last changelog read)',
      registers,
      collect() {
        this.set(state.version);
      },
    });
    new Gauge({
      name: 'switchyard_cache_lag_seconds',
      help: 'Now minus the commit time of the newest applied change',
      registers,
      collect() {
        this.set(state.commitTimeMs > 0 ? Math.max(0, (Date.now() - state.commitTimeMs) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'switchyard_cache_records',
      help: 'Services held',
      registers,
      collect() {
        this.set(state.records.size);
      },
    });
    new Gauge({
      name: 'switchyard_cache_tombstones',
      help: 'Removals kept for resuming clients',
      registers,
      collect() {
        this.set(state.tombstones.size);
      },
    });
    this.changesApplied = new Counter({
      name: 'switchyard_cache_changes_applied_total',
      help: 'Records upserted or removed from the change feed',
      registers,
    });
    this.fetchBatchSize = new Histogram({
      name: 'switchyard_cache_fetch_batch_size',
      help: 'Changed services applied per changelog read (with their rows) or per fetch query of a bulk change',
      buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 5000],
      registers,
    });
    this.fetchDuration = new Histogram({
      name: 'switchyard_cache_fetch_duration_seconds',
      help: 'Duration of one change-feed query: a changelog read (with the rows when few changed) or a bulk fetch',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.databaseConnected = new Gauge({
      name: 'switchyard_cache_database_connected',
      help: '1 while the LISTEN connection is up and the last changelog read succeeded',
      registers,
    });
    this.synced = new Gauge({
      name: 'switchyard_cache_synced',
      help: '1 when the initial load is done and the cache follows the database, 0 while disconnected',
      registers,
    });
    this.snapshotDuration = new Histogram({
      name: 'switchyard_cache_snapshot_duration_seconds',
      help: 'Time to stream a full snapshot to one client',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.snapshotServices = new Histogram({
      name: 'switchyard_cache_snapshot_services',
      help: 'Services per snapshot sent',
      buckets: [10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000],
      registers,
    });
    this.snapshotBytes = new Histogram({
      name: 'switchyard_cache_snapshot_bytes',
      help: 'Encoded bytes per snapshot sent',
      buckets: [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9],
      registers,
    });
    this.streamsResynced = new Counter({
      name: 'switchyard_cache_streams_resynced_total',
      help: 'Streams whose backlog passed the cap and were brought up to date from state',
      registers,
    });
    this.streamsDropped = new Counter({
      name: 'switchyard_cache_streams_dropped_total',
      help: 'Streams closed with RESOURCE_EXHAUSTED after repeated backlog overflows',
      registers,
    });
    this.sharedSnapshots = new Counter({
      name: 'switchyard_cache_shared_snapshots_total',
      help: 'Full snapshots handed to streams: result="encoded" (a new shared snapshot) or "reused" (one already encoded, then a delta)',
      labelNames: ['result'],
      registers,
    });
    this.reloads = new Counter({
      name: 'switchyard_cache_reloads_total',
      help: 'Full loads of the region (start-up, or changelog pruned past the cache version)',
      registers,
    });
  }
}
