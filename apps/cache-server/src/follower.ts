import type { Service } from '@switchyard/proto';
import {
  type ChangeBatch,
  loadRegionRecords,
  loadServices,
  ROUTE_CHANGES_CHANNEL,
  readChanges,
  toServiceRecord,
} from '@switchyard/service-db';
import type { Logger } from '@switchyard/telemetry';
import pg from 'pg';
import type { CacheMetrics } from './metrics.ts';
import type { RouteState } from './state.ts';
import { encodeContents, type RecordContent, type StoredRecord, stamp } from './stored-record.ts';
import type { CertificateFeed } from './tls/certificate-feed.ts';

export interface FollowerOptions {
  databaseUrl: string;
  region: string;
  state: RouteState;
  batchSize: number;
  pollIntervalMs: number;
  tombstoneHorizonMs: number;
  /** Longest statement or round trip (server `statement_timeout`, client `query_timeout`). */
  databaseTimeoutMs: number;
  /** The LISTEN connection is checked with `SELECT 1` when silent this long; no answer within it: dead. */
  livenessIntervalMs: number;
  metrics: CacheMetrics;
  logger: Logger;
  /** Certificates and ticket keys, followed on the same connections and wake-ups (when a platform key is set). */
  certificates?: CertificateFeed;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
const MAX_CONNECT_TIMEOUT_MS = 10_000;
/** TCP keepalive probes start after this much silence, so the kernel notices a peer that vanished. */
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * What both connections share. A network cut does not close a socket: without timeouts a query (or a
 * connection attempt) waits for ever and the cache keeps reporting itself connected.
 */
function connectionConfig(options: FollowerOptions, applicationName: string): pg.ClientConfig {
  return {
    connectionString: options.databaseUrl,
    application_name: applicationName,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    connectionTimeoutMillis: Math.min(MAX_CONNECT_TIMEOUT_MS, options.databaseTimeoutMs),
    statement_timeout: options.databaseTimeoutMs,
    query_timeout: options.databaseTimeoutMs,
  };
}

/**
 * Database → state. Holds exactly two connections: a dedicated LISTEN client (wake-ups only) and a
 * one-connection pool for queries. Start-up: LISTEN, then the bulk load in one REPEATABLE READ
 * snapshot, then follow the changelog from that snapshot's xmin. Every (re)connect reads the
 * changelog from the current version, so nothing committed while disconnected is lost. A silent
 * network cut is noticed by the LISTEN connection's liveness check (and by query timeouts): both
 * connections are then made afresh.
 */
export class Follower {
  readonly #options: FollowerOptions;
  #pool: pg.Pool;
  #listener: pg.Client | null = null;
  #livenessTimer: NodeJS.Timeout | null = null;
  #closed = false;
  #connected = false;
  #wake: (() => void) | null = null;
  #pendingWake = false;
  #waiters = new Set<() => void>();
  #loop: Promise<void> | null = null;
  #pruneTimer: NodeJS.Timeout | null = null;
  #resolveReady!: () => void;
  /** Resolves once the initial load is done. */
  readonly ready: Promise<void>;

  constructor(options: FollowerOptions) {
    this.#options = options;
    this.#pool = this.#createPool();
    this.ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
  }

  start(): void {
    this.#loop ??= this.#run();
    const pruneEvery = Math.max(10, Math.min(60_000, Math.floor(this.#options.tombstoneHorizonMs / 4)));
    this.#pruneTimer = setInterval(() => {
      this.#options.state.pruneTombstones(Date.now() - this.#options.tombstoneHorizonMs);
    }, pruneEvery);
    this.#pruneTimer.unref();
  }

  /**
   * Reads the changelog now; resolves true once the state (or `of`, e.g. the certificates) is at `version`
   * or later, false after `timeoutMs`.
   */
  async catchUp(
    version: number,
    timeoutMs: number,
    of: { loaded: boolean; version: number } = this.#options.state,
  ): Promise<boolean> {
    const state = of;
    if (state.loaded && state.version >= version) return true;
    const deadline = Date.now() + timeoutMs;
    while (!this.#closed && Date.now() < deadline) {
      const waited = new Promise<void>((resolve) => {
        this.#waiters.add(resolve);
        setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now()))).unref();
      });
      this.#wakeUp();
      await waited;
      if (state.loaded && state.version >= version) return true;
    }
    return false;
  }

  #createPool(): pg.Pool {
    const pool = new pg.Pool({
      ...connectionConfig(this.#options, `switchyard-cache:${this.#options.region}`),
      max: 1,
      idleTimeoutMillis: 0,
    });
    // An idle pooled connection that dies emits here; the next query reconnects.
    pool.on('error', (error) => this.#options.logger.warn({ err: error.message }, 'query connection lost'));
    return pool;
  }

  /**
   * After a failure the query connection may be stuck too (a timed-out query leaves it waiting for an
   * answer that never comes): start from a fresh pool; ending the old one destroys its connection.
   */
  #replacePool(): void {
    const old = this.#pool;
    this.#pool = this.#createPool();
    old.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#pruneTimer) clearInterval(this.#pruneTimer);
    this.#wakeUp();
    await this.#loop?.catch(() => undefined);
    await Promise.race([this.#dropListener(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await this.#pool.end().catch(() => undefined);
  }

  #wakeUp(): void {
    this.#pendingWake = true;
    this.#wake?.();
  }

  async #run(): Promise<void> {
    const { logger, metrics, state } = this.#options;
    let backoff = MIN_BACKOFF_MS;
    while (!this.#closed) {
      try {
        if (!this.#listener) await this.#listen();
        if (!state.loaded) await this.#initialLoad();
        this.#pendingWake = false;
        await this.#poll();
        await this.#options.certificates?.poll(this.#pool);
        if (!this.#connected) {
          this.#connected = true;
          metrics.databaseConnected.set(1);
          metrics.synced.set(1);
          logger.info({ version: state.version }, 'following the database');
        }
        backoff = MIN_BACKOFF_MS;
        this.#notifyWaiters();
        await this.#sleep(this.#options.pollIntervalMs);
      } catch (error) {
        if (this.#closed) break;
        if (this.#connected || backoff === MIN_BACKOFF_MS) {
          logger.warn(
            { err: (error as Error).message, retryInMs: backoff },
            'database unavailable; serving from memory',
          );
        }
        this.#connected = false;
        metrics.databaseConnected.set(0);
        metrics.synced.set(0);
        // Not awaited: over a cut network, ending a connection politely waits for an answer that never comes.
        void this.#dropListener();
        this.#replacePool();
        this.#notifyWaiters();
        await this.#sleep(backoff * (0.5 + Math.random() / 2), true);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  #notifyWaiters(): void {
    for (const resolve of this.#waiters) resolve();
    this.#waiters.clear();
  }

  /** Waits for a NOTIFY, a catch-up request, a lost listener or the timer; `fixed` ignores wake-ups (backoff). */
  #sleep(ms: number, fixed = false): Promise<void> {
    if (this.#closed || (!fixed && this.#pendingWake)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        if (!fixed || this.#closed) {
          this.#wake = null;
          done();
        }
      };
    });
  }

  async #listen(): Promise<void> {
    const listener = new pg.Client(connectionConfig(this.#options, `switchyard-cache-listen:${this.#options.region}`));
    let heardAt = Date.now();
    const lost = (reason: string) => {
      if (this.#listener !== listener) return;
      this.#options.logger.warn({ reason }, 'listener connection lost');
      this.#stopLiveness();
      this.#listener = null;
      this.#connected = false;
      this.#options.metrics.databaseConnected.set(0);
      this.#options.metrics.synced.set(0);
      // With the liveness query still waiting, end() destroys the socket instead of waiting for the server.
      listener.end().catch(() => undefined);
      this.#wakeUp();
    };
    listener.on('error', (error) => lost(error.message));
    listener.on('end', () => lost('connection ended'));
    listener.on('notification', () => {
      heardAt = Date.now();
      this.#wakeUp();
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${ROUTE_CHANGES_CHANNEL}`);
    } catch (error) {
      listener.end().catch(() => undefined);
      throw error;
    }
    this.#listener = listener;
    const interval = this.#options.livenessIntervalMs;
    let checking = false;
    this.#livenessTimer = setInterval(() => {
      if (checking || Date.now() - heardAt < interval) return;
      checking = true;
      // query_timeout per query is supported by pg, missing from its types.
      listener.query({ text: 'SELECT 1', query_timeout: interval } as pg.QueryConfig).then(
        () => {
          checking = false;
          heardAt = Date.now();
        },
        (error: Error) => lost(`liveness check failed: ${error.message}`),
      );
    }, interval);
    this.#livenessTimer.unref();
  }

  #stopLiveness(): void {
    if (this.#livenessTimer) clearInterval(this.#livenessTimer);
    this.#livenessTimer = null;
  }

  async #dropListener(): Promise<void> {
    const listener = this.#listener;
    this.#listener = null;
    this.#stopLiveness();
    await listener?.end().catch(() => undefined);
  }

  /**
   * The region in one snapshot, each record stamped from the changelog of that snapshot so that any
   * client version resumes here (`loadRegionRecords`'s `stampHorizonMs`), written as encoded bytes
   * straight from the rows' binary COPY streams: no row is ever a decoded object.
   */
  async #initialLoad(): Promise<void> {
    const { state, logger, metrics } = this.#options;
    const started = performance.now();
    const records = new Map<string, StoredRecord>();
    const loaded = await loadRegionRecords(
      this.#pool,
      this.#options.region,
      (id, content, version, commitTimeMs) => void records.set(id, stamp(content, version, commitTimeMs)),
      { stampHorizonMs: this.#options.tombstoneHorizonMs },
    );
    state.reset({
      version: loaded.version,
      commitTimeMs: loaded.commitTimeMs,
      completeSince: loaded.completeSince,
      records,
      tombstones: loaded.removed,
    });
    state.pruneTombstones(Date.now() - this.#options.tombstoneHorizonMs);
    metrics.reloads.inc();
    logger.info(
      {
        version: loaded.version,
        services: state.records.size,
        tombstones: state.tombstones.size,
        seconds: (performance.now() - started) / 1000,
      },
      'initial load done',
    );
    this.#resolveReady();
  }

  /** The region (unstamped), each record encoded as it arrives. */
  async #loadRegion(): Promise<{ version: number; commitTimeMs: number; records: RecordContent[] }> {
    const records: RecordContent[] = [];
    const result = await loadRegionRecords(this.#pool, this.#options.region, (id, content) => {
      records.push({ id, content });
    });
    return { version: result.version, commitTimeMs: result.commitTimeMs, records };
  }

  /**
   * One changelog read. Up to `batchSize` changed services come with their rows in the same statement
   * (one round trip, one snapshot); a larger change fetches them in batches and applies each batch as it
   * arrives, so a bulk change of a million services never sits in memory twice; only the last batch
   * moves the version.
   */
  async #poll(): Promise<void> {
    const { state, batchSize, metrics } = this.#options;
    const read = metrics.fetchDuration.startTimer();
    const changes = await readChanges(this.#pool, state.version, { rowsUpTo: batchSize });
    read();
    if (changes.resyncRequired) {
      await this.#reload();
      return;
    }
    const ids = changes.serviceIds;
    // Each record is stamped with its own latest commit, not the read's newest: a client's
    // commit → applied figure then counts from when that change was made (docs/router.md).
    const commitTimes = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) commitTimes.set(ids[i] as string, changes.commitTimesMs[i] as number);
    if (changes.rows) {
      if (ids.length > 0) this.#applyRows(changes, ids, changes.rows.map(toServiceRecord), false, commitTimes);
    } else {
      for (let i = 0; i < ids.length; i += batchSize) {
        const batch = ids.slice(i, i + batchSize);
        const fetch = metrics.fetchDuration.startTimer();
        const rows = await loadServices(this.#pool, batch);
        fetch();
        this.#applyRows(changes, batch, rows, i + batchSize < ids.length, commitTimes);
      }
    }
    state.advance(changes.version, changes.commitTimeMs);
  }

  /** The changed services `ids` as read: rows of our region are upserts, the rest (other region, gone) removals. */
  #applyRows(
    changes: ChangeBatch,
    ids: readonly string[],
    rows: readonly Service[],
    partial: boolean,
    commitTimes: ReadonlyMap<string, number>,
  ): void {
    const { state, region, metrics } = this.#options;
    metrics.fetchBatchSize.observe(ids.length);
    const ours: Service[] = [];
    const removed: string[] = [];
    const found = new Set<string>();
    for (const row of rows) {
      found.add(row.id as string);
      if (row.region === region) ours.push(row);
      else removed.push(row.id as string);
    }
    const upserts = encodeContents(ours);
    for (const id of ids) if (!found.has(id)) removed.push(id);
    const applied = state.apply(changes.version, upserts, removed, changes.commitTimeMs, { partial, commitTimes });
    metrics.changesApplied.inc(applied.upserts.length + applied.removedIds.length);
  }

  /** The changelog no longer reaches back to our version: load everything again and apply the difference. */
  async #reload(): Promise<void> {
    const { state, logger, metrics } = this.#options;
    const loaded = await this.#loadRegion();
    const upserts: RecordContent[] = [];
    const seen = new Set<string>();
    for (const record of loaded.records) {
      seen.add(record.id);
      // Same encoding, same content: records are encoded the same way every time.
      if (state.records.get(record.id)?.content !== record.content) upserts.push(record);
    }
    const removed = [...state.records.keys()].filter((id) => !seen.has(id));
    state.apply(loaded.version, upserts, removed, loaded.commitTimeMs);
    metrics.reloads.inc();
    metrics.changesApplied.inc(upserts.length + removed.length);
    logger.warn(
      { version: loaded.version, upserts: upserts.length, removed: removed.length },
      'changelog pruned past our version: reloaded the region',
    );
  }
}
